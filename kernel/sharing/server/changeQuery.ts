import type { ServerResponse } from 'node:http';
import type { DeltaCommitChanges } from '../../delta';
import type { Capabilities } from '../capabilities';
import type { EndStreamAction, ResponseLine } from '../actions';
import { FileActions } from './FileActions';
import { PageTokens } from './PageTokens';
import { chooseResponseFormat } from './responseFormat';
import { endStream, requireHistory, startNdjson, tableName, type ServerContext } from './ServerContext';
import type { SharedTable } from './ShareRegistry';
import { badParam } from './SharingHttpError';

/** A range of commits to answer with, both ends inclusive, and how to present them. */
export interface ChangeRange {
  startingVersion: number;
  endingVersion?: number;
  /** Drop commits after this time (endingTimestamp). */
  endingTimestamp?: number;
  /** 'stream' = /query with startingVersion (add/remove); 'cdf' = /changes (cdc files win). */
  mode: 'stream' | 'cdf';
  includeHistoricalMetadata: boolean;
  includeHistoricalProtocol: boolean;
  maxFiles?: number;
  pageToken?: string;
}

/**
 * Streaming queries (`startingVersion`) and §Read Change Data Feed: protocol and metaData as of the
 * starting version, then each commit's data changes in version order, with historical metaData
 * where the schema changed. `Delta-Table-Version` is the starting version.
 */
export async function changeQuery(
  ctx: ServerContext,
  t: SharedTable,
  r: ChangeRange,
  caps: Capabilities,
  res: ServerResponse,
): Promise<void> {
  requireHistory(t, r.mode === 'cdf' ? 'the change data feed' : 'startingVersion');
  const checksum = PageTokens.checksum({ table: t.id, ...r, pageToken: null, caps: [caps.responseFormat, caps.readerFeatures] });
  const page = r.pageToken ? ctx.pageTokens.read(r.pageToken, checksum) : undefined;
  const latest = await t.source.latestVersion();
  if (r.startingVersion > latest) throw badParam(`startingVersion ${r.startingVersion} is after the latest version ${latest}`);
  const end = page?.version ?? Math.min(r.endingVersion ?? latest, latest);
  const start = await t.source.snapshot({ version: r.startingVersion });
  if (r.mode === 'cdf') {
    const enabled = t.config.cdfEnabled ?? start.metadata.configuration['delta.enableChangeDataFeed'] === 'true';
    if (!enabled) throw badParam(`the change data feed is not enabled on table ${tableName(t)}`);
  }
  const format = chooseResponseFormat(caps, start.protocol, start.metadata, tableName(t));
  let commits = await t.source.changes(r.startingVersion, end);
  if (r.endingTimestamp !== undefined) commits = commits.filter((c) => c.timestamp <= r.endingTimestamp!);

  const actions = new FileActions(format, t.id, start.tableRoot, ctx.signer);
  const out = startNdjson(res, r.startingVersion, format, caps.includeEndStreamAction);
  await out.write(actions.protocol(start.protocol));
  await out.write(actions.metadata(start.metadata, { version: r.startingVersion }));
  await out.flush();
  const skip = page?.offset ?? 0;
  const limit = r.maxFiles ?? Infinity;
  let index = 0;
  let written = 0;
  let more = false;
  for (const line of changeLines(commits, r, actions, format === 'delta')) {
    if (index++ < skip) continue;
    if (written >= limit) {
      more = true;
      break;
    }
    await out.write(line());
    written++;
  }
  const endAction: EndStreamAction = {};
  if (more) endAction.nextPageToken = ctx.pageTokens.issue({ offset: skip + written, version: end }, checksum);
  if (actions.minExpiration !== undefined) endAction.minUrlExpirationTimestamp = actions.minExpiration;
  await endStream(out, endAction, caps.includeEndStreamAction);
}

/** Lines after the first two, as thunks so skipped lines on later pages sign no URLs. */
function* changeLines(commits: DeltaCommitChanges[], r: ChangeRange, actions: FileActions, delta: boolean): Generator<() => ResponseLine> {
  for (const c of commits) {
    if (c.version > r.startingVersion) {
      if (c.protocol && delta && r.includeHistoricalProtocol) yield () => actions.protocol(c.protocol!, c.version);
      if (c.metadata && (r.mode === 'stream' || r.includeHistoricalMetadata))
        yield () => actions.metadata(c.metadata!, { version: c.version });
    }
    const hasCdc = c.actions.some((a) => a.kind === 'cdc');
    for (const a of c.actions) {
      // A CDF reader takes a commit's cdc files when it has any; a streaming reader never wants them.
      const wanted = r.mode === 'cdf' ? (hasCdc ? a.kind === 'cdc' : a.kind !== 'cdc') : a.kind !== 'cdc';
      if (wanted) yield () => actions.changeFile(a);
    }
  }
}
