import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCapabilities, type Capabilities } from '../capabilities';
import { changeQuery } from './changeQuery';
import { tableMetadata, tableVersion } from './metadataEndpoints';
import { optLong, optTimestamp, parseQueryBody, parseQueryInfoBody, type QueryRequest } from './queryRequest';
import { header, unlessCorrupt, type ServerContext } from './ServerContext';
import { DeltaTableError } from '../../delta';
import type { SharedTable } from './ShareRegistry';
import { badParam, SharingHttpError } from './SharingHttpError';
import { snapshotQuery } from './snapshotQuery';

const MAX_BODY_BYTES = 1 << 20;

/** Dispatches `…/tables/{t}[/{action}]` requests for one table. */
export async function tableRoute(
  ctx: ServerContext,
  t: SharedTable,
  action: string | undefined,
  req: IncomingMessage,
  query: URLSearchParams,
  res: ServerResponse,
  /** The id in `…/queries/{id}`. */
  queryId?: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (queryId !== undefined && action !== 'queries')
    throw new SharingHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `no endpoint …/tables/${t.config.name}/${action}/…`);
  if (action === undefined && method === 'HEAD') return tableVersion(t, query, res);
  if (action === 'version' && method === 'GET') return tableVersion(t, query, res);
  if (action === 'metadata' && method === 'GET') return tableMetadata(ctx, t, req, query, res);
  const caps = parseCapabilities(header(req, 'delta-sharing-capabilities'));
  if (action === 'query' && method === 'POST') {
    const q = parseQueryBody(await readBody(req));
    if (caps.asyncQuery && ctx.asyncQueries) return ctx.asyncQueries.submit(t, q, await t.source.latestVersion(), res);
    return runQuery(ctx, t, q, caps, res);
  }
  if (action === 'queries' && method === 'POST' && queryId !== undefined && ctx.asyncQueries) {
    const q = ctx.asyncQueries.poll(t, queryId, parseQueryInfoBody(await readBody(req)), await t.source.latestVersion(), res);
    return q && runQuery(ctx, t, q, caps, res);
  }
  if (action === 'changes' && method === 'GET') return changeQuery(ctx, t, await changeParams(t, query), caps, res);
  if (action === 'temporary-table-credentials' || action === 'queries') {
    throw new SharingHttpError(400, 'UNSUPPORTED_OPERATION', `${action} is not supported by this server; use pre-signed URLs`);
  }
  throw new SharingHttpError(
    404,
    'RESOURCE_DOES_NOT_EXIST',
    `no endpoint ${method} …/tables/${t.config.name}${action ? `/${action}` : ''}`,
  );
}

/** §Read Data from a Table: a snapshot, or the changes from `startingVersion` on. */
function runQuery(ctx: ServerContext, t: SharedTable, q: QueryRequest, caps: Capabilities, res: ServerResponse): Promise<void> {
  if (q.startingVersion === undefined) return snapshotQuery(ctx, t, q, caps, res);
  const params = {
    startingVersion: q.startingVersion,
    endingVersion: q.endingVersion,
    mode: 'stream' as const,
    includeHistoricalMetadata: true,
    includeHistoricalProtocol: q.includeHistoricalProtocol,
    maxFiles: q.maxFiles,
    pageToken: q.pageToken,
  };
  return changeQuery(ctx, t, params, caps, res);
}

/** §Read Change Data Feed query parameters. */
async function changeParams(t: SharedTable, query: URLSearchParams) {
  const get = (k: string) => query.get(k) ?? undefined;
  const startingVersion = optLong(get('startingVersion'), 'startingVersion');
  const startingTimestamp = optTimestamp(get('startingTimestamp'), 'startingTimestamp');
  const endingVersion = optLong(get('endingVersion'), 'endingVersion');
  const endingTimestamp = optTimestamp(get('endingTimestamp'), 'endingTimestamp');
  if ((startingVersion === undefined) === (startingTimestamp === undefined))
    throw badParam('give exactly one of startingVersion and startingTimestamp');
  if (endingVersion !== undefined && endingTimestamp !== undefined) throw badParam('give at most one of endingVersion and endingTimestamp');
  const start =
    startingVersion ??
    (await t.source
      .versionAtOrAfter(startingTimestamp!)
      .catch((err: unknown) =>
        unlessCorrupt(err, () => badParam(`startingTimestamp ${get('startingTimestamp')} is after the latest commit`)),
      ));
  if (endingVersion !== undefined && endingVersion < start)
    throw badParam(`startingVersion ${start} is after endingVersion ${endingVersion}`);
  // Commits at or after endingTimestamp are cut by time afterwards; reading one more is harmless.
  const end =
    endingTimestamp === undefined
      ? endingVersion
      : await t.source.versionAtOrAfter(endingTimestamp).catch((err: unknown) => {
          if (err instanceof DeltaTableError && err.code === 'corrupt') throw err;
          return undefined;
        });
  const maxFiles = optLong(get('maxFiles'), 'maxFiles');
  if (maxFiles !== undefined && maxFiles <= 0) throw badParam('maxFiles must be greater than 0');
  return {
    startingVersion: start,
    endingVersion: end,
    endingTimestamp,
    mode: 'cdf' as const,
    includeHistoricalMetadata: get('includeHistoricalMetadata') === 'true',
    includeHistoricalProtocol: get('includeHistoricalProtocol') === 'true',
    maxFiles,
    pageToken: get('pageToken'),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SharingHttpError(400, 'MALFORMED_REQUEST', 'the request body is larger than 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
