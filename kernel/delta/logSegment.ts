import { DeltaTableError } from './errors';
import type { CheckpointRef, LogListing } from './logListing';
import { latestListedVersion } from './logListing';

export type LogDelta = { kind: 'commit'; version: number; file: string } | { kind: 'compaction'; start: number; end: number; file: string };

/** The files that together reconstruct one version: a checkpoint (optional) and the deltas after it. */
export interface LogSegment {
  version: number;
  checkpoint?: CheckpointRef;
  /** Newest first, so log replay can apply "first occurrence wins". */
  deltas: LogDelta[];
}

export function buildSegment(table: string, listing: LogListing, version: number): LogSegment {
  const latest = latestListedVersion(listing);
  if (latest < 0) throw new DeltaTableError(table, 'the _delta_log folder holds no commits');
  if (!Number.isInteger(version) || version < 0 || version > latest) {
    throw new DeltaTableError(table, `version ${version} does not exist (latest is ${latest})`, 'not-found');
  }
  const checkpoint = [...listing.checkpoints].reverse().find((c) => c.version <= version);
  const deltas: LogDelta[] = [];
  let next = checkpoint ? checkpoint.version + 1 : 0;
  while (next <= version) {
    // Prefer the widest compaction that starts exactly here and ends within the target.
    const compaction = listing.compactions
      .filter((c) => c.start === next && c.end <= version && c.end > c.start)
      .sort((a, b) => b.end - a.end)[0];
    if (compaction) {
      deltas.push({ kind: 'compaction', ...compaction });
      next = compaction.end + 1;
      continue;
    }
    const file = listing.commits.get(next);
    if (!file) {
      const why = checkpoint || next > 0 ? `missing commit ${next}` : 'missing commit 0 and no checkpoint';
      throw new DeltaTableError(table, `version ${version} cannot be reconstructed: ${why}`);
    }
    deltas.push({ kind: 'commit', version: next, file });
    next += 1;
  }
  deltas.reverse();
  return { version, checkpoint, deltas };
}
