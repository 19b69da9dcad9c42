/**
 * A table's fingerprint (row count, XOR of each row's hash with its rowid, last rowid) changes with
 * any change a grid paging by rowid would show, and with nothing else. Real DuckDB.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameFingerprint, tableFingerprint, type Fingerprint } from '../../../kernel/engine/tableFingerprint';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let before: Fingerprint;
const now = async () => (await tableFingerprint(conn, 't'))!;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});
beforeEach(async () => {
  // A column named t, like the table: the fingerprint must still cover every column.
  await conn.run(`CREATE OR REPLACE TABLE t AS SELECT range AS id, range % 3 AS t, 'x' AS v FROM range(10)`);
  await conn.run(`INSERT INTO t VALUES (10, 0, 'same'), (11, 0, 'same')`);
  before = await now();
});

describe('tableFingerprint', () => {
  it('counts the rows and knows the last rowid', () => {
    expect(before.rows).toBe(12);
    expect(before.lastRowid).toBe(11);
  });

  it('changes when any one value changes, in any column, NULL included', async () => {
    for (const change of [`UPDATE t SET v = 'y' WHERE id = 4`, `UPDATE t SET t = NULL WHERE id = 4`, `UPDATE t SET id = 40 WHERE id = 4`]) {
      await conn.run(change);
      const after = await now();
      expect(sameFingerprint(before, after), change).toBe(false);
      expect(after.rows).toBe(12);
      expect(after.lastRowid).toBe(11);
      before = after;
    }
  });

  it('changes when two rows swap places (the grid pages by rowid), though the set of rows is the same', async () => {
    await conn.run(`UPDATE t SET id = CASE id WHEN 1 THEN 2 ELSE 1 END, t = CASE id WHEN 1 THEN 2 ELSE 1 END WHERE id IN (1, 2)`);
    const rows = (await conn.runAndReadAll(`SELECT id, t FROM t WHERE id IN (1, 2) ORDER BY id`)).getRowsJson();
    expect(rows).toEqual([
      ['1', '1'],
      ['2', '2'],
    ]);
    expect(sameFingerprint(before, await now())).toBe(false);
  });

  it('changes when two equal rows are deleted and added again (new rowids), and not when values are set to what they were', async () => {
    await conn.run(`UPDATE t SET v = v`);
    expect(sameFingerprint(before, await now())).toBe(true);
    await conn.run(`DELETE FROM t WHERE v = 'same'`);
    await conn.run(`INSERT INTO t VALUES (10, 0, 'same'), (11, 0, 'same')`);
    const after = await now();
    expect(after.rows).toBe(12);
    expect(after.lastRowid).toBeGreaterThan(11);
    expect(sameFingerprint(before, after)).toBe(false);
  });

  it('is null for a table that is gone', async () => {
    await conn.run('DROP TABLE t');
    expect(await tableFingerprint(conn, 't')).toBeNull();
  });
});
