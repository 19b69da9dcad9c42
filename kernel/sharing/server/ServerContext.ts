import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatTableName } from '../../../common/tableName';
import { DeltaTableError, type DeltaSnapshot, type SnapshotAt } from '../../delta';
import { formatCapabilities, type ResponseFormat } from '../capabilities';
import type { EndStreamAction } from '../actions';
import { NdjsonWriter } from './NdjsonWriter';
import type { AsyncQueries } from './AsyncQueries';
import type { PageTokens } from './PageTokens';
import type { SharedTable, ShareRegistry } from './ShareRegistry';
import { badParam } from './SharingHttpError';
import type { UrlSigner } from './UrlSigner';

/** What every table endpoint shares: the tables, the URL signer and the token issuers. */
export interface ServerContext {
  registry: ShareRegistry;
  signer: UrlSigner;
  pageTokens: PageTokens;
  refreshTokens: PageTokens;
  /** Present when the server answers `asyncquery=true` asynchronously (config `asyncQueries`). */
  asyncQueries?: AsyncQueries;
  /** Config `ignoreHints`: every query is answered with every file, as hint-ignoring servers do. */
  ignoreHints?: boolean;
}

/** Time travel, streaming and CDF are only for tables shared with their history. */
export function requireHistory(t: SharedTable, what: string): void {
  if (!t.config.historyShared) {
    throw badParam(`${what} is not available: table ${tableName(t)} is shared without its history`);
  }
}

/** A version that exists, or a 400 naming the latest one. */
export async function checkVersion(t: SharedTable, version: number): Promise<void> {
  const latest = await t.source.latestVersion();
  if (version > latest) throw badParam(`version ${version} does not exist; the latest version is ${latest}`);
}

/** Starts a 200 NDJSON answer with the headers clients check (§1.1, §1.4). */
export function startNdjson(res: ServerResponse, version: number, format: ResponseFormat, includeEndStreamAction: boolean): NdjsonWriter {
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Delta-Table-Version': String(version),
    'delta-sharing-capabilities': formatCapabilities({ responseFormat: [format], includeEndStreamAction }),
  });
  return new NdjsonWriter(res);
}

/** Writes the trailing endStreamAction when the client asked for it or there is a token to hand over. */
export async function endStream(out: NdjsonWriter, action: EndStreamAction, requested: boolean): Promise<void> {
  if (requested || action.nextPageToken || action.refreshToken) await out.write({ endStreamAction: action });
  await out.end();
}

/** A snapshot; a timestamp outside the table's history is the caller's mistake (400), not a broken table. */
export async function snapshotAt(t: SharedTable, at: SnapshotAt): Promise<DeltaSnapshot> {
  try {
    return await t.source.snapshot(at);
  } catch (err) {
    const byTime = at.version === undefined && at.timestamp !== undefined;
    if (byTime && at.timestamp !== undefined && err instanceof DeltaTableError && err.code !== 'corrupt') {
      throw badParam(`timestamp ${new Date(at.timestamp).toISOString()}: ${err.reason}`);
    }
    throw err;
  }
}

/** A failed version lookup by time is the caller's timestamp unless the table itself is corrupt. */
export function unlessCorrupt(err: unknown, otherwise: () => unknown): never {
  if (err instanceof DeltaTableError && err.code === 'corrupt') throw err;
  throw otherwise();
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(';') : v;
}

export function tableName(t: SharedTable): string {
  return formatTableName({ share: t.share.name, schema: t.schema.name, table: t.config.name });
}
