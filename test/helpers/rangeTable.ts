/**
 * A Delta table written by our DeltaWriter as `files` commits of one file each, file k holding the
 * ids k*rowsPerFile … (k+1)*rowsPerFile-1 plus a text column: every file's stats say exactly
 * which ids it holds, so a WHERE on id matches a known share of the files.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DeltaWriter } from '../../kernel/delta';

export async function writeRangeTable(
  conn: DuckDBConnection,
  root: string,
  files: number,
  rowsPerFile: number,
  padChars = 16,
): Promise<void> {
  const writer = await DeltaWriter.create(root, {
    columns: [
      { name: 'id', type: 'long' },
      { name: 'note', type: 'string' },
    ],
  });
  for (let k = 0; k < files; k++) {
    // md5 text does not compress, so file sizes stay proportional to rows.
    await writer.appendFromQuery(
      conn,
      `SELECT range AS id, left(repeat(md5(range::VARCHAR), ${Math.ceil(padChars / 32)}), ${padChars}) AS note
       FROM range(${k * rowsPerFile}, ${(k + 1) * rowsPerFile})`,
    );
  }
}
