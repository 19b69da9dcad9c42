/**
 * Which files of one cache folder running statements read, across every process that uses the
 * folder. Within a process, all FileCache objects on a folder share one count per file (two profiles
 * of one session, say). Each process also keeps the names it holds in `holds/<pid>.json` in the
 * folder, rewritten (temp file and rename) whenever the set changes, so another session's eviction
 * and the host's Empty cache leave them too. A file of a process that is gone counts for nothing and
 * is removed by the next reader; the file records its process's start time, so a file whose PID now
 * belongs to another process counts as gone too.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { processAlive, processStart } from '../../fs/processAlive';

class FolderHolds {
  private readonly counts = new Map<string, number>();
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, `${process.pid}.json`);
  }

  /** Holds these files (paths or names in the folder) until the returned release is called. */
  add(paths: Iterable<string>): () => void {
    const names = [...paths].map((p) => basename(p));
    const before = this.counts.size;
    for (const n of names) this.counts.set(n, (this.counts.get(n) ?? 0) + 1);
    if (this.counts.size !== before) this.write();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const size = this.counts.size;
      for (const n of names) {
        const left = (this.counts.get(n) ?? 1) - 1;
        if (left <= 0) this.counts.delete(n);
        else this.counts.set(n, left);
      }
      if (this.counts.size !== size) this.write();
    };
  }

  has(name: string): boolean {
    return this.counts.has(name);
  }

  names(): string[] {
    return [...this.counts.keys()];
  }

  private write(): void {
    try {
      if (this.counts.size === 0) return rmSync(this.file, { force: true });
      mkdirSync(this.dir, { recursive: true });
      const temp = `${this.file}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(temp, JSON.stringify({ start: processStart(), names: [...this.counts.keys()] } satisfies HoldsFile));
      renameSync(temp, this.file);
    } catch {
      // A folder we cannot write: this process's own holds still count (in memory); only other
      // processes cannot see them.
    }
  }
}

/** What `holds/<pid>.json` holds (a bare array of names before start times were recorded). */
interface HoldsFile {
  start: string | null;
  names: string[];
}

function readHolds(path: string): HoldsFile {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const names = Array.isArray(data) ? data : Array.isArray((data as HoldsFile)?.names) ? (data as HoldsFile).names : [];
  const start = typeof (data as HoldsFile)?.start === 'string' ? (data as HoldsFile).start : null;
  return { start, names: names.filter((n): n is string => typeof n === 'string') };
}

const folders = new Map<string, FolderHolds>();

/** This process's holds on the cache folder `cacheDir`. */
export function folderHolds(cacheDir: string): FolderHolds {
  const dir = join(resolve(cacheDir), 'holds');
  let h = folders.get(dir);
  if (!h) folders.set(dir, (h = new FolderHolds(dir)));
  return h;
}

/** The names of the files any live process (this one too) holds in `cacheDir`. */
export function heldNames(cacheDir: string): Set<string> {
  const dir = join(resolve(cacheDir), 'holds');
  const out = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)\.json$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    let held: HoldsFile;
    try {
      held = readHolds(join(dir, name));
    } catch {
      // Removed or replaced meanwhile (its process wrote a new one, read at the next look), or damaged:
      // a damaged one of a live process is rewritten at its next change.
      if (!processAlive(pid)) rmSync(join(dir, name), { force: true });
      continue;
    }
    if (!processAlive(pid, held.start)) {
      rmSync(join(dir, name), { force: true });
      continue;
    }
    for (const n of held.names) out.add(n);
  }
  const own = folders.get(dir);
  if (own) for (const n of own.names()) out.add(n);
  return out;
}
