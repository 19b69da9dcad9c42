/**
 * Where one DuckDB engine spills what does not fit in its memory limit: a folder of its own under the
 * user's cache (SILT_TEMP_DIR overrides the parent). A session that was killed (a restart, a crash)
 * never removes its folder, and spill can be gigabytes, so each new engine first removes the
 * folders of processes that are gone. A folder's name holds its process's PID and, where the system
 * tells it, the process's start time: a PID taken by a later process does not keep the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { processAlive, processStart } from '../fs/processAlive';

export function spillFolder(env: NodeJS.ProcessEnv = process.env): string {
  const parent = env.SILT_TEMP_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'silt', 'duckdb-tmp');
  mkdirSync(parent, { recursive: true });
  sweepDead(parent);
  const start = processStart();
  return join(parent, `${process.pid}-${start ? `${start}-` : ''}${randomBytes(4).toString('hex')}`);
}

function sweepDead(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    // <pid>-<start>-<tag>, or <pid>-<tag> where the start time is unknown (and before it was recorded).
    const m = /^(\d+)-(?:(\d+)-)?[0-9a-f]{8}$/.exec(name);
    const pid = Number(m?.[1]);
    if (!pid || processAlive(pid, m?.[2])) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}
