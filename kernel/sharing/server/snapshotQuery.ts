import type { ServerResponse } from 'node:http';
import type { Capabilities } from '../capabilities';
import type { EndStreamAction } from '../actions';
import { FileActions } from './FileActions';
import { PageTokens, type PagePosition } from './PageTokens';
import type { QueryRequest } from './queryRequest';
import { chooseResponseFormat } from './responseFormat';
import { selectFiles } from './selectFiles';
import { checkVersion, endStream, requireHistory, snapshotAt, startNdjson, tableName, type ServerContext } from './ServerContext';
import type { SharedTable } from './ShareRegistry';

/**
 * §Read Data from a Table for a snapshot (latest, `version` or `timestamp`): protocol, metaData,
 * then one `file` line per selected file, paged by `maxFiles` and written as the socket drains.
 */
export async function snapshotQuery(
  ctx: ServerContext,
  t: SharedTable,
  q: QueryRequest,
  caps: Capabilities,
  res: ServerResponse,
): Promise<void> {
  if (q.version !== undefined || q.timestamp !== undefined) requireHistory(t, 'reading a table at a version or timestamp');
  const checksum = PageTokens.checksum({
    table: t.id,
    caps: [caps.responseFormat, caps.readerFeatures],
    p: q.jsonPredicateHints ?? null,
    l: q.limitHint ?? null,
    v: q.version ?? null,
    ts: q.timestamp ?? null,
    m: q.maxFiles ?? null,
  });
  const refreshChecksum = PageTokens.checksum({ table: t.id, refresh: true });
  let page: PagePosition | undefined;
  if (q.pageToken) page = ctx.pageTokens.read(q.pageToken, checksum);
  const refreshed = q.refreshToken ? ctx.refreshTokens.read(q.refreshToken, refreshChecksum, 'refreshToken') : undefined;
  // A page or refresh token pins the version, so later commits never mix into one listing.
  const version = page?.version ?? refreshed?.version ?? q.version;
  if (version !== undefined) await checkVersion(t, version);
  const snap = await snapshotAt(t, version !== undefined ? { version } : { timestamp: q.timestamp });
  const format = chooseResponseFormat(caps, snap.protocol, snap.metadata, tableName(t));
  // Hints are advisory (the spec lets a server skip them); with `ignoreHints` every file is answered.
  const files = ctx.ignoreHints
    ? selectFiles(snap.files, snap.metadata)
    : selectFiles(snap.files, snap.metadata, q.jsonPredicateHints, q.limitHint);
  const start = page?.offset ?? 0;
  const end = q.maxFiles === undefined ? files.length : Math.min(files.length, start + q.maxFiles);

  const actions = new FileActions(format, t.id, snap.tableRoot, ctx.signer);
  const size = snap.files.reduce((s, f) => s + f.size, 0);
  const out = startNdjson(res, snap.version, format, caps.includeEndStreamAction);
  await out.write(actions.protocol(snap.protocol));
  await out.write(actions.metadata(snap.metadata, { version: snap.version, size, numFiles: snap.files.length }));
  await out.flush();
  for (let i = start; i < end; i++) await out.write(actions.snapshotFile(files[i]));

  const endAction: EndStreamAction = {};
  if (end < files.length) endAction.nextPageToken = ctx.pageTokens.issue({ offset: end, version: snap.version }, checksum);
  const latestSnapshot = q.version === undefined && q.timestamp === undefined && !q.pageToken;
  if (q.includeRefreshToken && latestSnapshot)
    endAction.refreshToken = ctx.refreshTokens.issue({ offset: 0, version: snap.version }, refreshChecksum);
  if (actions.minExpiration !== undefined) endAction.minUrlExpirationTimestamp = actions.minExpiration;
  await endStream(out, endAction, caps.includeEndStreamAction);
}
