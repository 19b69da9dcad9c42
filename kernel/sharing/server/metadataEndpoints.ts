import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCapabilities } from '../capabilities';
import { FileActions } from './FileActions';
import { optLong, optTimestamp } from './queryRequest';
import { chooseResponseFormat } from './responseFormat';
import { checkVersion, endStream, header, requireHistory, snapshotAt, startNdjson, tableName } from './ServerContext';
import { unlessCorrupt, type ServerContext } from './ServerContext';
import type { SharedTable } from './ShareRegistry';
import { badParam } from './SharingHttpError';

/** §Query Table Version: an empty body and the version in a header. */
export async function tableVersion(t: SharedTable, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const startingTimestamp = optTimestamp(query.get('startingTimestamp') ?? undefined, 'startingTimestamp');
  let version: number;
  if (startingTimestamp !== undefined) {
    requireHistory(t, 'startingTimestamp');
    version = await t.source.versionAtOrAfter(startingTimestamp).catch(async (err: unknown) => {
      const latest = await t.source.latestVersion();
      const given = query.get('startingTimestamp');
      return unlessCorrupt(err, () => badParam(`startingTimestamp ${given} is after the latest version ${latest}`));
    });
  } else version = await t.source.latestVersion();
  res.writeHead(200, { 'Delta-Table-Version': String(version), 'Content-Length': 0 });
  res.end();
}

/** §Query Table Metadata: exactly two lines, protocol then metaData. */
export async function tableMetadata(
  ctx: ServerContext,
  t: SharedTable,
  req: IncomingMessage,
  query: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  const version = optLong(query.get('version') ?? undefined, 'version');
  const timestamp = optTimestamp(query.get('timestamp') ?? undefined, 'timestamp');
  if (version !== undefined && timestamp !== undefined) throw badParam('only one of version and timestamp can be given');
  if (version !== undefined || timestamp !== undefined) requireHistory(t, 'reading metadata at a version or timestamp');
  if (version !== undefined) await checkVersion(t, version);
  const snap = await snapshotAt(t, { version, timestamp });
  const caps = parseCapabilities(header(req, 'delta-sharing-capabilities'));
  const format = chooseResponseFormat(caps, snap.protocol, snap.metadata, tableName(t));
  const actions = new FileActions(format, t.id, snap.tableRoot, ctx.signer);
  const size = snap.files.reduce((s, f) => s + f.size, 0);
  const out = startNdjson(res, snap.version, format, false);
  await out.write(actions.protocol(snap.protocol));
  await out.write(actions.metadata(snap.metadata, { version: snap.version, size, numFiles: snap.files.length }));
  await endStream(out, {}, false);
}
