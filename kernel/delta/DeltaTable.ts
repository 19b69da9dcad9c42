import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { commitTimestampOf, toMetadata, toProtocol, type RawAction } from './actions';
import { readCheckpoint } from './checkpoint';
import { DeltaTableError } from './errors';
import { latestListedVersion, listLog, type LogListing } from './logListing';
import { buildSegment } from './logSegment';
import { replay, toDeltaFile, type ReplayBatch } from './logReplay';
import { readLogFile } from './readLogFile';
import { assertReadable } from './protocolSupport';
import type { DeltaChangeAction, DeltaCommitChanges, DeltaSnapshot, SnapshotAt } from './types';

interface CommitEntry {
  version: number;
  timestamp: number;
  actions: RawAction[];
}

/** A Delta table in a local folder. Every call re-lists the log, so new commits are seen at once. */
export class DeltaTable {
  readonly root: string;
  // Commit and checkpoint files never change once written, so their parsed contents can be kept.
  private readonly fileCache = new Map<string, RawAction[]>();

  private constructor(root: string) {
    this.root = root;
  }

  static open(root: string): DeltaTable {
    return new DeltaTable(resolve(root));
  }

  async latestVersion(): Promise<number> {
    return latestListedVersion(await this.listing());
  }

  async snapshot(at: SnapshotAt = {}): Promise<DeltaSnapshot> {
    const listing = await this.listing();
    const version = at.version ?? (at.timestamp !== undefined ? await this.versionAtOrBefore(at.timestamp) : latestListedVersion(listing));
    const segment = buildSegment(this.root, listing, version);
    const batches: ReplayBatch[] = [];
    for (const d of segment.deltas) {
      if (d.kind === 'commit') {
        const entry = await this.commit(listing, d.version);
        batches.push({ version: d.version, timestamp: entry.timestamp, actions: entry.actions });
      } else {
        const what = `the compaction of commits ${d.start} to ${d.end}`;
        batches.push({ actions: await this.cachedActions(d.file, () => readLogFile(this.root, d.file, what)) });
      }
    }
    if (segment.checkpoint) {
      const cp = segment.checkpoint;
      batches.push({ actions: await this.cachedActions(cp.files[0], () => readCheckpoint(listing.logDir, cp)) });
    }
    const { protocol, metadata, files } = replay(this.root, batches);
    if (!protocol) throw new DeltaTableError(this.root, `no protocol action found at version ${version}`);
    if (!metadata) throw new DeltaTableError(this.root, `no metaData action found at version ${version}`);
    assertReadable(this.root, protocol);
    return { tableRoot: this.root, version, timestamp: await this.versionTimestamp(listing, version), protocol, metadata, files };
  }

  /** The earliest version committed at or after the time (Delta Sharing's startingTimestamp). */
  async versionAtOrAfter(timestampMs: number): Promise<number> {
    const commits = await this.commitTimes();
    const hit = commits.find((c) => c.timestamp >= timestampMs);
    if (!hit) {
      throw new DeltaTableError(this.root, `no commit at or after ${new Date(timestampMs).toISOString()}`, 'not-found');
    }
    return hit.version;
  }

  /** Data-changing actions per commit, in version order (both ends inclusive). */
  async changes(startVersion: number, endVersion?: number): Promise<DeltaCommitChanges[]> {
    const listing = await this.listing();
    const end = endVersion ?? latestListedVersion(listing);
    if (startVersion > end) {
      throw new DeltaTableError(this.root, `start version ${startVersion} is after end version ${end}`, 'bad-request');
    }
    await this.snapshot({ version: startVersion }); // refuses unreadable tables before any data is handed out
    const out: DeltaCommitChanges[] = [];
    for (let v = startVersion; v <= end; v++) {
      const { timestamp, actions } = await this.commit(listing, v);
      const changes: DeltaCommitChanges = { version: v, timestamp, actions: [] };
      for (const a of actions) {
        if (a.protocol) {
          changes.protocol = toProtocol(a.protocol);
          assertReadable(this.root, changes.protocol);
        } else if (a.metaData) changes.metadata = toMetadata(a.metaData);
        const kind = a.add ? 'add' : a.remove ? 'remove' : a.cdc ? 'cdc' : undefined;
        if (!kind) continue;
        const raw = (a.add ?? a.remove ?? a.cdc)!;
        if (kind !== 'cdc' && raw.dataChange === false) continue;
        const f = toDeltaFile(this.root, raw, { version: v, timestamp, actions: [] });
        const action: DeltaChangeAction = {
          kind,
          path: f.path,
          absolutePath: f.absolutePath,
          partitionValues: f.partitionValues,
          size: f.size,
          version: v,
          timestamp,
          dataChange: kind === 'cdc' ? false : f.dataChange,
          stats: f.stats,
          deletionVector: f.deletionVector,
        };
        changes.actions.push(action);
      }
      out.push(changes);
    }
    return out;
  }

  async history(): Promise<{ version: number; timestamp: number; operation?: string }[]> {
    const listing = await this.listing();
    const out: { version: number; timestamp: number; operation?: string }[] = [];
    for (const version of [...listing.commits.keys()].sort((a, b) => a - b)) {
      const { timestamp, actions } = await this.commit(listing, version);
      const op = actions.find((a) => a.commitInfo)?.commitInfo?.operation;
      out.push(typeof op === 'string' ? { version, timestamp, operation: op } : { version, timestamp });
    }
    return out;
  }

  private async versionAtOrBefore(timestampMs: number): Promise<number> {
    const commits = await this.commitTimes();
    const hit = [...commits].reverse().find((c) => c.timestamp <= timestampMs);
    if (!hit) {
      throw new DeltaTableError(this.root, `timestamp ${new Date(timestampMs).toISOString()} is before the earliest commit`, 'not-found');
    }
    return hit.version;
  }

  private async commitTimes(): Promise<{ version: number; timestamp: number }[]> {
    const listing = await this.listing();
    const out: { version: number; timestamp: number }[] = [];
    for (const version of [...listing.commits.keys()].sort((a, b) => a - b)) {
      out.push({ version, timestamp: (await this.commit(listing, version)).timestamp });
    }
    return out;
  }

  private async listing(): Promise<LogListing> {
    const listing = await listLog(this.root);
    if (!listing) throw new DeltaTableError(this.root, 'not a Delta table (no _delta_log folder)', 'not-found');
    return listing;
  }

  private async commit(listing: LogListing, version: number): Promise<CommitEntry> {
    const file = listing.commits.get(version);
    if (!file) throw new DeltaTableError(this.root, `missing commit ${version}`);
    const actions = await this.cachedActions(file, () => readLogFile(this.root, file, `commit ${version}`));
    const timestamp = commitTimestampOf(actions) ?? (await stat(file)).mtimeMs;
    return { version, timestamp: Math.floor(timestamp), actions };
  }

  private async versionTimestamp(listing: LogListing, version: number): Promise<number> {
    if (listing.commits.has(version)) return (await this.commit(listing, version)).timestamp;
    // The commit was cleaned up; the checkpoint was written right after it.
    const cp = listing.checkpoints.find((c) => c.version === version);
    return cp ? Math.floor((await stat(cp.files[0])).mtimeMs) : 0;
  }

  private async cachedActions(key: string, load: () => Promise<RawAction[]>): Promise<RawAction[]> {
    let actions = this.fileCache.get(key);
    if (!actions) {
      actions = await load();
      this.fileCache.set(key, actions);
    }
    return actions;
  }
}
