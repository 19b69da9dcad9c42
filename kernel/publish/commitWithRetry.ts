/**
 * Commits already-written data files to a Delta table that other publishes may be writing at the same
 * time. A lost race (another writer took the version) is retried on the table's new latest version; a
 * commit that never lands takes its data files with it, so no Parquet file is left that no version uses.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DeltaTable, DeltaTableError, type DeltaSnapshot } from '../delta';
import { writeCommit } from '../delta/commitLog';
import type { WrittenFile } from '../delta/dataFileWriter';
import { assertWritable } from '../delta/writeSupport';
import { ExportError } from '../export/ExportError';

/** Enough for a handful of windows publishing to one table at once; each round at least one lands. */
export const MAX_COMMIT_ATTEMPTS = 6;

export interface RetriedCommit {
  root: string;
  files: WrittenFile[];
  /** The commit's actions against `snapshot`, the version it will follow; may throw (e.g. schema changed). */
  actions(snapshot: DeltaSnapshot): object[];
}

export async function latestSnapshot(root: string): Promise<DeltaSnapshot> {
  const snapshot = await DeltaTable.open(root).snapshot();
  assertWritable(snapshot);
  return snapshot;
}

/** Returns the version that landed. */
export async function commitWithRetry(c: RetriedCommit, first: DeltaSnapshot): Promise<number> {
  let snapshot = first;
  try {
    for (let attempt = 1; ; attempt++) {
      const version = snapshot.version + 1;
      try {
        await writeCommit(c.root, version, c.actions(snapshot));
        return version;
      } catch (e) {
        if (!lostRace(c.root, version, e)) throw e;
        if (attempt >= MAX_COMMIT_ATTEMPTS) {
          const why = `Other writers kept committing to ${c.root} first (${attempt} tries); publish again.`;
          throw new ExportError(why, 'conflict');
        }
      }
      // Spread the retries of writers that lost together, so they do not collide again at once.
      await new Promise((r) => setTimeout(r, Math.random() * 40 * attempt));
      snapshot = await latestSnapshot(c.root);
    }
  } catch (e) {
    await removeDataFiles(c.root, c.files);
    throw e;
  }
}

/** The commit failed because its version file exists now: another writer committed it first. */
function lostRace(root: string, version: number, e: unknown): boolean {
  const file = join(root, '_delta_log', `${String(version).padStart(20, '0')}.json`);
  return e instanceof DeltaTableError && existsSync(file);
}

async function removeDataFiles(root: string, files: WrittenFile[]): Promise<void> {
  // Log paths are URI-encoded per segment (see dataFileWriter).
  await Promise.all(files.map((f) => rm(join(root, ...f.path.split('/').map(decodeURIComponent)), { force: true })));
}
