/**
 * A shared table's data file that DuckDB cannot read as Parquet (a damaged footer, a truncated or
 * altered copy). DuckDB names the file by its path in Silt's cache and quotes the SQL Silt wrote
 * around it; neither tells the analyst anything. So the failure is told as what it is: this table's
 * data file, by the name the provider gave it, with code `corrupt`. And the cached copy is dropped:
 * a copy damaged on its way here is downloaded afresh by the next run, where keeping it would fail
 * every run the same way.
 */
import { rm } from 'node:fs/promises';
import { quoteLiteral } from '../../../common/sqlQuote';
import { logQuery } from '../../delta/logDb';
import { SharingError } from './SharingError';
import type { SharedFile } from './types';

/** How a message names a data file: the last segment of its URL's path (never the query), else its id. */
export function dataFileName(file: Pick<SharedFile, 'id' | 'url'>): string {
  try {
    const last = decodeURIComponent(new URL(file.url).pathname.split('/').pop() ?? '');
    if (/\.parquet$/i.test(last) && last.length <= 200) return last;
  } catch {
    // not a URL we can read: fall back to the id
  }
  return `with id ${file.id}`;
}

/**
 * `e` told as a damaged data file of `table` when DuckDB's message names one of `files` (cache path →
 * name), after removing the cached copy of that file and of every other of `files` whose footer
 * cannot be read either (DuckDB stops at the first, and one run per damaged file is no way to
 * recover); undefined when it names none of them.
 */
export async function damagedFileError(e: unknown, table: string, files: ReadonlyMap<string, string>): Promise<SharingError | undefined> {
  const message = e instanceof Error ? e.message : String(e);
  const hit = [...files].find(([path]) => message.includes(path));
  if (!hit) return undefined;
  const [path, name] = hit;
  const others = [...files.keys()].filter((p) => p !== path);
  const damaged = [path, ...(await Promise.all(others.map(async (p) => ((await footerReadable(p)) ? [] : [p])))).flat()];
  await Promise.all(damaged.map((p) => rm(p, { force: true })));
  const more = damaged.length > 1 ? ` (and ${damaged.length - 1} more of its files)` : '';
  // DuckDB's first line says what it could not read; the lines after it quote Silt's own SQL.
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const detail = message
    .split('\n')[0]
    .replace(new RegExp(`["']?${escaped}["']?`, 'g'), 'it')
    .replace(/\b(in|from) file it\b/g, '$1 it')
    .replace(/\bfile it\b/g, 'it')
    .trim();
  return new SharingError(
    `data file ${name} of ${table} is damaged${more}: it cannot be read as Parquet (${detail}). ` +
      `Silt dropped ${damaged.length > 1 ? 'its copies, so running again downloads them' : 'its copy, so running again downloads it'} afresh; ` +
      'if it fails again, the damage is at the source and the provider must repair the table',
    0,
    'CORRUPT_FILE',
    false,
  );
}

async function footerReadable(path: string): Promise<boolean> {
  try {
    await logQuery(`SELECT count(*) FROM parquet_file_metadata(${quoteLiteral(path)})`);
    return true;
  } catch {
    return false;
  }
}
