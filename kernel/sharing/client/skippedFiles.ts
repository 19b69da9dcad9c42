/**
 * What a read did not download: the files the server's answer left out (it pruned by the hints)
 * plus the ones client-side skipping dropped, counted against the snapshot's own file count and
 * size from its metaData (`numFiles`, `size`) when the server reports them. Progress shows it as
 * "skipped 180 of 200 files (97.0 MB)", from the real file lists, so the figure never flatters.
 */
import { formatBytes } from '../../../common/formatBytes';
import type { SharedFile, SharedMetadata } from './types';

export interface SkippedFiles {
  /** Files of the snapshot that are not read. */
  files: number;
  /** Files of the snapshot (metaData's numFiles, or the server's answer when it gives none). */
  of: number;
  /** Bytes of the files not read. */
  bytes: number;
}

/** The skip for a read of `read` out of the server's `answered` files; undefined when nothing was skipped. */
export function skippedFiles(read: SharedFile[], answered: SharedFile[], metadata: SharedMetadata): SkippedFiles | undefined {
  const answeredBytes = sumSizes(answered);
  // A server's figures below its own answer would be wrong (or of another version): trust the answer then.
  const useMeta = metadata.numFiles !== undefined && metadata.size !== undefined && metadata.numFiles >= answered.length;
  const of = useMeta ? metadata.numFiles! : answered.length;
  const total = useMeta ? Math.max(metadata.size!, answeredBytes) : answeredBytes;
  const files = of - read.length;
  if (files <= 0) return undefined;
  return { files, of, bytes: Math.max(0, total - sumSizes(read)) };
}

/** "skipped 180 of 200 files (97.0 MB)" */
export function describeSkipped(s: SkippedFiles): string {
  return `skipped ${s.files} of ${s.of} file${s.of === 1 ? '' : 's'} (${formatBytes(s.bytes)})`;
}

function sumSizes(files: SharedFile[]): number {
  return files.reduce((s, f) => s + f.size, 0);
}
