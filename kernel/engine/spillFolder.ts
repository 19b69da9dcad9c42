/**
 * Where one DuckDB engine spills what does not fit in its memory limit: a folder of its own under the
 * user's cache (SILT_TEMP_DIR overrides the parent). A session that was killed (a restart, a crash)
 * never removes its folder, and spill can be gigabytes, so each new engine first removes the
 * folders of processes that are gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../fs/processAlive';

export function spillFolder(env: NodeJS.ProcessEnv = process.env): string {
  const parent = env.SILT_TEMP_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'silt', 'duckdb-tmp');
  mkdirSync(parent, { recursive: true });
  sweepDead(parent);
  return join(parent, `${process.pid}-${randomBytes(4).toString('hex')}`);
}

function sweepDead(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}
