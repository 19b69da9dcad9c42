import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CorruptLogError, DeltaTableError } from '../../delta';
import { hasBearerToken } from './auth';
import { validateConfig, type SharingServerConfig } from './config';
import { AsyncQueries } from './AsyncQueries';
import { Discovery } from './Discovery';
import { ClientGoneError } from './NdjsonWriter';
import { PageTokens } from './PageTokens';
import { serveFile } from './serveFile';
import { tableName, type ServerContext } from './ServerContext';
import { ShareRegistry } from './ShareRegistry';
import { notFound, sendError, SharingHttpError } from './SharingHttpError';
import { tableRoute } from './tableRoutes';
import { UrlSigner } from './UrlSigner';

export interface RunningSharingServer {
  /** The profile endpoint, e.g. `http://127.0.0.1:51234/delta-sharing` (the public URL when one is set). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const PAGE_TOKEN_TTL_MS = 3 * 24 * 3600_000;
const REFRESH_TOKEN_TTL_MS = 3600_000;

/** Starts the Delta Sharing server on loopback. Resolves once it accepts connections. */
export async function startSharingServer(cfg: SharingServerConfig): Promise<RunningSharingServer> {
  validateConfig(cfg);
  const host = cfg.host ?? '127.0.0.1';
  // The embedded server is for this machine; sharing to a network needs a real deployment.
  if (!LOOPBACK.has(host)) throw new Error(`the sharing server only binds to loopback (127.0.0.1), not ${host}`);
  const endpointPath = '/' + (cfg.endpointPath ?? '/delta-sharing').replace(/^\/+|\/+$/g, '');
  const token = cfg.bearerToken ?? randomBytes(32).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host === '::1' ? '[::1]' : '127.0.0.1';
  const url = cfg.publicUrl?.replace(/\/+$/, '') ?? `http://${hostInUrl}:${port}${endpointPath === '/' ? '' : endpointPath}`;
  const ctx: ServerContext = {
    registry: new ShareRegistry(cfg.shares),
    signer: new UrlSigner(url, cfg.urlExpirySeconds ?? 3600),
    pageTokens: new PageTokens(PAGE_TOKEN_TTL_MS),
    refreshTokens: new PageTokens(REFRESH_TOKEN_TTL_MS),
    ...(cfg.asyncQueries ? { asyncQueries: new AsyncQueries(cfg.asyncQueries.pendingPolls) } : {}),
    ...(cfg.ignoreHints ? { ignoreHints: true } : {}),
  };
  const discovery = new Discovery(ctx.registry, ctx.pageTokens);
  const prefix = endpointPath === '/' ? '' : endpointPath;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => respondWithError(req, res, err));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://localhost');
    if (!parsed.pathname.startsWith(prefix + '/')) throw notFound('unknown path');
    const rest = parsed.pathname.slice(prefix.length + 1);
    if (rest.startsWith('files/')) {
      // Pre-signed URLs carry their own authorisation, like object-store URLs do.
      if (req.method !== 'GET' && req.method !== 'HEAD') throw notFound('unknown path');
      const verdict = ctx.signer.verify(rest.slice('files/'.length), parsed.searchParams);
      if ('refused' in verdict) throw new SharingHttpError(403, 'PERMISSION_DENIED', verdict.refused);
      return serveFile(req, res, verdict.absolutePath);
    }
    if (!hasBearerToken(req.headers.authorization, token)) {
      throw new SharingHttpError(401, 'UNAUTHENTICATED', 'missing or wrong bearer token');
    }
    const seg = rest.split('/').map(decodeSegment);
    const q = parsed.searchParams;
    const json = (body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (seg[0] !== 'shares') throw notFound(`unknown path /${rest}`);
    if (req.method === 'GET' && seg.length === 1) return json(discovery.listShares(q));
    if (req.method === 'GET' && seg.length === 2) return json(discovery.getShare(seg[1]));
    if (req.method === 'GET' && seg.length === 3 && seg[2] === 'schemas') return json(discovery.listSchemas(seg[1], q));
    if (req.method === 'GET' && seg.length === 3 && seg[2] === 'all-tables') return json(discovery.listAllTables(seg[1], q));
    if (seg[2] === 'schemas' && seg[4] === 'tables') {
      if (req.method === 'GET' && seg.length === 5) return json(discovery.listTables(seg[1], seg[3], q));
      if (seg.length >= 6 && seg.length <= 8) {
        const table = ctx.registry.table(seg[1], seg[3], seg[5]);
        try {
          return await tableRoute(ctx, table, seg[6], req, q, res, seg[7]);
        } catch (err) {
          if (err instanceof DeltaTableError) throw tableError(err, tableName(table));
          throw err;
        }
      }
    }
    throw notFound(`unknown path /${rest}`);
  }

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A table that cannot be read is the table's problem, told as a 4xx naming the table (and, when a
 * log file is damaged, CORRUPT_TABLE with the file relative to the table, never this machine's
 * paths): a 500 would send clients into retries that cannot help and tell them to "retry later".
 */
function tableError(err: DeltaTableError, name: string): SharingHttpError {
  if (err instanceof CorruptLogError) return new SharingHttpError(400, 'CORRUPT_TABLE', err.describe(name));
  // Decided by the error's code, not its class: a missing commit or data file is as corrupt as an
  // unparsable one, and a client keys its advice ("retrying will not help") on the answer's code.
  const message = `table ${name} cannot be read: ${err.reason}`;
  switch (err.code) {
    case 'corrupt':
      return new SharingHttpError(400, 'CORRUPT_TABLE', message);
    case 'unsupported':
      return new SharingHttpError(400, 'UNSUPPORTED_OPERATION', message);
    case 'not-found':
      return new SharingHttpError(404, 'RESOURCE_DOES_NOT_EXIST', message);
    default:
      return new SharingHttpError(400, 'INVALID_PARAMETER_VALUE', message);
  }
}

function respondWithError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  if (err instanceof ClientGoneError) return;
  if (err instanceof SharingHttpError) return sendError(res, err, req.method !== 'HEAD');
  // Internal details (paths, stacks) stay on this machine's stderr, never in the answer.
  console.error('sharing server: internal error', err);
  sendError(res, new SharingHttpError(500, 'INTERNAL_ERROR', 'internal server error'), req.method !== 'HEAD');
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new SharingHttpError(400, 'MALFORMED_REQUEST', 'the path is not valid percent-encoding');
  }
}
