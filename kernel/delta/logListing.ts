import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface CheckpointRef {
  version: number;
  kind: 'classic' | 'multipart' | 'v2';
  /** Absolute paths of every part (one for classic and v2). */
  files: string[];
}

export interface CompactionRef {
  start: number;
  end: number;
  file: string;
}

/** What `_delta_log` holds, by version. Listing, not `_last_checkpoint`, is authoritative on a local disk. */
export interface LogListing {
  logDir: string;
  commits: Map<number, string>;
  /** Complete checkpoints only, oldest first. */
  checkpoints: CheckpointRef[];
  compactions: CompactionRef[];
}

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTIPART = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const V2 = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(json|parquet)$/;
const COMPACTION = /^(\d{20})\.(\d{20})\.compacted\.json$/;

export async function listLog(tableRoot: string): Promise<LogListing | null> {
  const logDir = join(tableRoot, '_delta_log');
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch {
    return null;
  }
  const commits = new Map<number, string>();
  const checkpoints: CheckpointRef[] = [];
  const compactions: CompactionRef[] = [];
  const parts = new Map<string, { version: number; total: number; files: Map<number, string> }>();
  for (const name of names) {
    // macOS resource forks (`._x`) copied next to real files are junk.
    if (name.startsWith('._')) continue;
    const file = join(logDir, name);
    let m: RegExpExecArray | null;
    if ((m = COMMIT.exec(name))) commits.set(Number(m[1]), file);
    else if ((m = CLASSIC.exec(name))) checkpoints.push({ version: Number(m[1]), kind: 'classic', files: [file] });
    else if ((m = V2.exec(name))) checkpoints.push({ version: Number(m[1]), kind: 'v2', files: [file] });
    else if ((m = COMPACTION.exec(name))) compactions.push({ start: Number(m[1]), end: Number(m[2]), file });
    else if ((m = MULTIPART.exec(name))) {
      const key = `${m[1]}/${m[3]}`;
      const entry = parts.get(key) ?? { version: Number(m[1]), total: Number(m[3]), files: new Map() };
      entry.files.set(Number(m[2]), file);
      parts.set(key, entry);
    }
  }
  for (const p of parts.values()) {
    // A multi-part checkpoint with a part missing is an interrupted write: unusable.
    if (p.files.size !== p.total) continue;
    const files = [...p.files.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    checkpoints.push({ version: p.version, kind: 'multipart', files });
  }
  checkpoints.sort((a, b) => a.version - b.version);
  return { logDir, commits, checkpoints, compactions };
}

/** The newest version the log knows about, or -1 when it holds nothing. */
export function latestListedVersion(listing: LogListing): number {
  let latest = -1;
  for (const v of listing.commits.keys()) latest = Math.max(latest, v);
  for (const c of listing.checkpoints) latest = Math.max(latest, c.version);
  return latest;
}
