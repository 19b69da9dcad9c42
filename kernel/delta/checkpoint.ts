import { dirname, isAbsolute, join } from 'node:path';
import { dropNulls, type RawAction } from './actions';
import { readParquetRows } from './logDb';
import type { CheckpointRef } from './logListing';
import { decodeLogPath } from './paths';
import { readLogFile, readLogParquet } from './readLogFile';

/**
 * All actions of a checkpoint: classic and multi-part Parquet, or a v2 manifest (JSON or Parquet)
 * whose file actions may live in sidecar files under `_delta_log/_sidecars`.
 */
export async function readCheckpoint(logDir: string, ref: CheckpointRef): Promise<RawAction[]> {
  const json = ref.files.length === 1 && ref.files[0].endsWith('.json');
  const root = dirname(logDir);
  const what = `checkpoint ${ref.version}`;
  const top = json
    ? await readLogFile(root, ref.files[0], what)
    : (await readLogParquet(root, ref.files, what, () => readParquetRows(ref.files))).map(dropNulls);
  const sidecars = top.filter((a) => a.sidecar).map((a) => sidecarFile(logDir, a.sidecar!.path));
  const actions = top.filter((a) => !a.sidecar);
  if (sidecars.length > 0) {
    const rows = await readLogParquet(root, sidecars, `a sidecar of ${what}`, () => readParquetRows(sidecars));
    for (const row of rows) actions.push(dropNulls(row));
  }
  return actions;
}

function sidecarFile(logDir: string, path: string): string {
  const decoded = decodeLogPath(path);
  return isAbsolute(decoded) ? decoded : join(logDir, '_sidecars', decoded);
}
