import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { BadActionLine, parseActionLines, type RawAction } from './actions';
import { CorruptLogError, DeltaTableError } from './errors';

/**
 * The actions of one JSON log file (a commit, a compaction, a v2 checkpoint). A damaged file is a
 * CorruptLogError naming what it is ("commit 3"), the file relative to the table and the line, so a
 * broken table is reported as broken, once, instead of as a server failure worth retrying.
 */
export async function readLogFile(tableRoot: string, file: string, what: string): Promise<RawAction[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DeltaTableError(tableRoot, `${what} cannot be read (${relative(tableRoot, file)}: ${code ?? 'unreadable'})`, 'corrupt', {
      cause: e,
    });
  }
  try {
    return parseActionLines(text);
  } catch (e) {
    if (!(e instanceof BadActionLine)) throw e;
    throw new CorruptLogError(tableRoot, what, relative(tableRoot, file), e.line, e.detail, { cause: e });
  }
}

/** Parquet log files (checkpoints, sidecars) that DuckDB cannot read are corrupt, whatever DuckDB said. */
export async function readLogParquet<T>(tableRoot: string, files: string[], what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof DeltaTableError) throw e;
    throw new CorruptLogError(tableRoot, what, relative(tableRoot, files[0]), undefined, 'not a readable Parquet file', { cause: e });
  }
}
