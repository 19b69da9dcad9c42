import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesScanSql, DeltaTable, DeltaTableError, DeltaWriter, snapshotScanSql } from '../../../kernel/delta';
import { SHARED } from '../../helpers/shared';

let conn: DuckDBConnection;
let dir: string;
let root: string;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  dir = mkdtempSync(join(tmpdir(), 'silt-delta-writer-'));
  root = join(dir, 'orders');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

async function tableRows(): Promise<Record<string, unknown>[]> {
  const snapshot = await DeltaTable.open(root).snapshot();
  return rows(`SELECT id, region, amount::VARCHAR AS amount, day::VARCHAR AS day FROM (${await snapshotScanSql(snapshot)}) ORDER BY id`);
}

async function changes(version: number): Promise<Record<string, unknown>[]> {
  const sql = await changesScanSql(DeltaTable.open(root), version, version);
  return rows(`SELECT _change_type, id, amount::VARCHAR AS amount, _commit_version FROM (${sql}) ORDER BY id, _change_type`);
}

describe('DeltaWriter', () => {
  it('creates a partitioned table with change data feed and appends query results with stats', async () => {
    const writer = await DeltaWriter.create(root, {
      columns: [
        { name: 'id', type: 'long' },
        { name: 'region', type: 'string' },
        { name: 'amount', type: 'decimal(10,2)' },
        { name: 'day', type: 'date' },
      ],
      partitionColumns: ['day'],
      enableChangeDataFeed: true,
      name: 'orders',
    });
    const v = await writer.appendFromQuery(
      conn,
      `SELECT * FROM (VALUES (1, 'eu', 10.50, DATE '2026-01-01'), (2, 'us', 20.00, DATE '2026-01-01'),
                             (3, 'eu', 7.25, DATE '2026-01-02')) AS t(id, region, amount, day)`,
    );
    expect(v).toBe(1);
    expect(await tableRows()).toEqual([
      { id: '1', region: 'eu', amount: '10.50', day: '2026-01-01' },
      { id: '2', region: 'us', amount: '20.00', day: '2026-01-01' },
      { id: '3', region: 'eu', amount: '7.25', day: '2026-01-02' },
    ]);
    const snapshot = await DeltaTable.open(root).snapshot();
    expect(snapshot.metadata.partitionColumns).toEqual(['day']);
    expect(snapshot.metadata.configuration['delta.enableChangeDataFeed']).toBe('true');
    const jan1 = snapshot.files.find((f) => f.partitionValues.day === '2026-01-01')!;
    expect(JSON.parse(jan1.stats!)).toEqual({
      numRecords: 2,
      minValues: { id: 1, region: 'eu', amount: 10.5 },
      maxValues: { id: 2, region: 'us', amount: 20 },
      nullCount: { id: 0, region: 0, amount: 0 },
    });
    expect(jan1.path.startsWith('day=2026-01-01/')).toBe(true);
  });

  it('deletes rows by predicate and records them as deletes in _change_data files', async () => {
    const writer = await DeltaWriter.open(root);
    expect(await writer.deleteWhere(conn, `id = 2`)).toBe(2);
    expect((await tableRows()).map((r) => r.id)).toEqual(['1', '3']);
    expect(await changes(2)).toEqual([{ _change_type: 'delete', id: '2', amount: '20.00', _commit_version: '2' }]);
    expect(readdirSync(join(root, '_change_data'), { recursive: true }).some((f) => String(f).endsWith('.parquet'))).toBe(true);
    expect(await writer.deleteWhere(conn, `id = 42`)).toBe(2); // nothing matched: no commit
  });

  it('merges by key: updates matching rows, inserts the rest, with pre/post images', async () => {
    const writer = await DeltaWriter.open(root);
    const v = await writer.mergeByKey(
      conn,
      `SELECT * FROM (VALUES (1, 'eu', 99.99, DATE '2026-01-01'), (9, 'apac', 5.00, DATE '2026-01-03')) AS t(id, region, amount, day)`,
      ['id'],
    );
    expect(v).toBe(3);
    expect(await tableRows()).toEqual([
      { id: '1', region: 'eu', amount: '99.99', day: '2026-01-01' },
      { id: '3', region: 'eu', amount: '7.25', day: '2026-01-02' },
      { id: '9', region: 'apac', amount: '5.00', day: '2026-01-03' },
    ]);
    expect(await changes(3)).toEqual([
      { _change_type: 'update_postimage', id: '1', amount: '99.99', _commit_version: '3' },
      { _change_type: 'update_preimage', id: '1', amount: '10.50', _commit_version: '3' },
      { _change_type: 'insert', id: '9', amount: '5.00', _commit_version: '3' },
    ]);
    await expect(
      writer.mergeByKey(
        conn,
        `SELECT * FROM (VALUES (1, 'x', 1.00, DATE '2026-01-01'), (1, 'y', 2.00, DATE '2026-01-01')) AS t(id, region, amount, day)`,
        ['id'],
      ),
    ).rejects.toThrow(/duplicate keys/);
  });

  it('keeps history and time travel across its own commits', async () => {
    const table = DeltaTable.open(root);
    expect((await table.history()).map((h) => h.operation)).toEqual(['CREATE TABLE', 'WRITE', 'DELETE', 'MERGE']);
    const v1 = await table.snapshot({ version: 1 });
    const count = await rows(`SELECT count(*)::INTEGER AS n FROM (${await snapshotScanSql(v1)})`);
    expect(count).toEqual([{ n: 3 }]);
    const all = await rows(`SELECT _change_type, count(*)::INTEGER AS n FROM (${await changesScanSql(table, 1)}) GROUP BY 1 ORDER BY 1`);
    expect(all).toEqual([
      { _change_type: 'delete', n: 1 },
      { _change_type: 'insert', n: 4 },
      { _change_type: 'update_postimage', n: 1 },
      { _change_type: 'update_preimage', n: 1 },
    ]);
  });

  it('refuses to create over an existing table and to write column-mapped tables', async () => {
    await expect(DeltaWriter.create(root, { columns: [{ name: 'x', type: 'long' }] })).rejects.toThrow(/already exists/);
    const err = await DeltaWriter.open(`${SHARED}/data/delta/table-with-columnmapping-mode-name`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaTableError);
    expect((err as Error).message).toMatch(/column mapping/);
  });

  it('writes the commit as JSON lines with protocol and metaData first', () => {
    const lines = readFileSync(join(root, '_delta_log', '00000000000000000000.json'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => Object.keys(JSON.parse(l))[0])).toEqual(['commitInfo', 'protocol', 'metaData']);
    expect(JSON.parse(lines[1]).protocol).toEqual({ minReaderVersion: 1, minWriterVersion: 4 });
    expect(existsSync(join(root, '_delta_log', '00000000000000000004.json'))).toBe(false);
  });
});
