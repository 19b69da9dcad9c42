/** Exports of a real DuckDB result in every format, read back by an independent reader. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { exportResult } from '../../../kernel/export/exportResult';
import type { DataType, PrimitiveName } from '../../../kernel/delta';
import { checksumSql } from '../../helpers/checksumSql';

const ROWS = 12_345;
/** Mixed types, nulls, and text that needs CSV quoting (commas, quotes, newlines). */
const RESULT_SQL = `
  SELECT i::INTEGER AS id,
         (i * 1000003)::BIGINT AS big,
         i / 7.0 AS ratio,
         (i * 1.25)::DECIMAL(12,2) AS amount,
         CASE WHEN i % 5 = 0 THEN NULL ELSE 'name ' || i || ', "q"' || CASE WHEN i % 11 = 0 THEN chr(10) || 'x' ELSE '' END END AS label,
         DATE '2024-01-01' + (i % 400)::INTEGER AS day,
         TIMESTAMP '2024-01-01 00:00:00' + to_microseconds(i * 1000123) AS at,
         i % 2 = 0 AS even
  FROM range(${ROWS}) t(i)`;

/** Checksum aggregates per column (test/helpers/checksumSql): any changed value changes one. */
const prim = (name: PrimitiveName): DataType => ({ type: 'primitive', name });
const COLUMNS: [string, DataType, string[]][] = [
  ['id', prim('integer'), ['nonNull', 'sum', 'min', 'max']],
  ['big', prim('long'), ['sum', 'countDistinct']],
  ['ratio', prim('double'), ['sum', 'max']],
  ['amount', { type: 'decimal', precision: 12, scale: 2 }, ['sum', 'min', 'max']],
  ['label', prim('string'), ['nonNull', 'countDistinct', 'min', 'max']],
  ['day', prim('date'), ['nonNull', 'min', 'max', 'countDistinct']],
  ['at', prim('timestamp_ntz'), ['minEpochUs', 'maxEpochUs', 'countDistinct']],
  ['even', prim('boolean'), ['countTrue', 'nonNull']],
];
const CHECKSUM = (from: string) =>
  `SELECT ${COLUMNS.flatMap(([c, t, metrics]) => metrics.map((m) => checksumSql(c, m, t))).join(', ')}, sum(hash("label")) FROM ${from}`;

let engine: DuckEngine;
let handle: string;
let dir: string;

async function one(sql: string): Promise<string> {
  return JSON.stringify((await engine.connection.runAndReadAll(sql)).getRowsJson()[0]);
}

beforeAll(async () => {
  engine = await DuckEngine.create();
  handle = (await engine.execute(RESULT_SQL)).handle;
  dir = mkdtempSync(join(tmpdir(), 'silt-export-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const exp = (format: Parameters<typeof exportResult>[1]['format'], path: string) =>
  exportResult(engine, { handle, format, path, workspace: dir });

describe('export round trips', () => {
  it('CSV read back by DuckDB equals the result', async () => {
    const r = await exp('csv', 'out.csv');
    expect(r).toMatchObject({ path: join(dir, 'out.csv'), rows: ROWS });
    expect(r.bytes).toBe(statSync(join(dir, 'out.csv')).size);
    const back = `read_csv('${join(dir, 'out.csv')}', header = true, columns = {'id': 'INTEGER', 'big': 'BIGINT', 'ratio': 'DOUBLE', 'amount': 'DECIMAL(12,2)', 'label': 'VARCHAR', 'day': 'DATE', 'at': 'TIMESTAMP', 'even': 'BOOLEAN'})`;
    expect(await one(CHECKSUM(back))).toBe(await one(CHECKSUM(`"${handle}"`)));
  });

  it('Parquet read back by DuckDB equals the result, types included', async () => {
    await exp('parquet', join(dir, 'out.parquet'));
    const back = `read_parquet('${join(dir, 'out.parquet')}')`;
    expect(await one(CHECKSUM(back))).toBe(await one(CHECKSUM(`"${handle}"`)));
    expect(await one(`SELECT string_agg(column_type, ',') FROM (DESCRIBE SELECT * FROM ${back})`)).toBe(
      JSON.stringify(['INTEGER,BIGINT,DOUBLE,DECIMAL(12,2),VARCHAR,DATE,TIMESTAMP,BOOLEAN']),
    );
  });

  it('JSON lines has one object per row and reads back equal', async () => {
    await exp('jsonl', 'out.jsonl');
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS);
    expect(JSON.parse(lines[3])).toMatchObject({ id: 3, label: 'name 3, "q"', even: false });
  });

  it('Arrow IPC read back by apache-arrow has the rows and the types', async () => {
    await exp('arrow', 'out.arrow');
    const t = tableFromIPC(readFileSync(join(dir, 'out.arrow')));
    expect(t.numRows).toBe(ROWS);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'id:Int32',
      'big:Int64',
      'ratio:Float64',
      'amount:Float64',
      'label:Utf8',
      'day:Date32<DAY>',
      'at:Timestamp<MICROSECOND>',
      'even:Bool',
    ]);
    const row = t.get(11)!.toJSON();
    expect(row.big).toBe(11n * 1000003n);
    expect(row.label).toBe('name 11, "q"\nx');
    expect(t.getChild('label')!.nullCount).toBe(Math.ceil(ROWS / 5));
    expect(new Date(row.day as number).toISOString().slice(0, 10)).toBe('2024-01-12');
    // Microseconds survive: 11 × 1000123 µs after midnight.
    expect(t.getChild('at')!.data[0].values[11]).toBe(BigInt(Date.UTC(2024, 0, 1)) * 1000n + 11n * 1000123n);
  });

  it('Excel read back by xlsx has a header, every row and typed cells', async () => {
    await exp('xlsx', 'out.xlsx');
    const book = XLSX.read(readFileSync(join(dir, 'out.xlsx')), { cellDates: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]]);
    expect(rows).toHaveLength(ROWS);
    expect(rows[7]).toMatchObject({ id: 7, big: 7 * 1000003, amount: 8.75, label: 'name 7, "q"', even: false });
    expect((rows[7].day as Date).toISOString().slice(0, 10)).toBe('2024-01-08');
  });
});

describe('an empty result', () => {
  it('exports to every format as a file with the columns and no rows', async () => {
    const empty = await engine.execute("SELECT 1::INTEGER AS n, 'x' AS s WHERE false");
    const out = (ext: string) => join(dir, `empty.${ext}`);
    for (const format of ['csv', 'parquet', 'arrow', 'jsonl', 'xlsx'] as const) {
      expect((await exportResult(engine, { handle: empty.handle, format, path: out(format), workspace: dir })).rows).toBe(0);
    }
    expect(readFileSync(out('csv'), 'utf8').trim()).toBe('n,s');
    expect(await one(`SELECT count(*)::INTEGER FROM read_parquet('${out('parquet')}')`)).toBe('[0]');
    const arrow = tableFromIPC(readFileSync(out('arrow')));
    expect([arrow.numRows, arrow.schema.fields.map((f) => f.name)]).toEqual([0, ['n', 's']]);
    expect(readFileSync(out('jsonl'), 'utf8')).toBe('');
    const sheet = XLSX.read(readFileSync(out('xlsx'))).Sheets.Result;
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([['n', 's']]);
  });
});

describe('export refusals', () => {
  it('a result the session does not hold (stored in the file only) asks to run the cell first', async () => {
    await expect(exportResult(engine, { handle: '', format: 'csv', path: 'x.csv', workspace: dir })).rejects.toThrow(/run the cell first/);
    await expect(exportResult(engine, { handle: '__silt_result_999', format: 'csv', path: 'x.csv', workspace: dir })).rejects.toThrow(
      /run the cell first/,
    );
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('more rows than an Excel sheet holds is refused with a pointer to CSV or Parquet', async () => {
    const big = await engine.execute('SELECT range AS n FROM range(1048576)');
    await expect(exportResult(engine, { handle: big.handle, format: 'xlsx', path: 'big.xlsx', workspace: dir })).rejects.toThrow(
      /1,048,576 rows; an Excel sheet holds at most 1,048,575\. Export it as CSV or Parquet/,
    );
    await engine.forget(big.handle);
    expect(readdirSync(dir).filter((f) => f.startsWith('big') || f.startsWith('.big'))).toEqual([]);
  });

  it('a read-only folder gives a clear error and leaves no file', async () => {
    const readOnly = process.getuid?.() === 0 ? '/sys' : mkdtempSync(join(tmpdir(), 'silt-ro-'));
    if (readOnly !== '/sys') (await import('node:fs')).chmodSync(readOnly, 0o555);
    for (const format of ['csv', 'arrow'] as const) {
      await expect(exportResult(engine, { handle, format, path: join(readOnly, `out.${format}`), workspace: dir })).rejects.toThrow(
        /Cannot write .*: the folder .* is read-only/,
      );
      expect(existsSync(join(readOnly, `out.${format}`))).toBe(false);
    }
  });

  it('an unknown format is refused by name', async () => {
    await expect(exportResult(engine, { handle, format: 'xml' as never, path: 'o.xml', workspace: dir })).rejects.toThrow(
      /Unknown export format "xml"/,
    );
  });
});

describe('a result a TypeScript cell displayed (held in memory)', () => {
  it('exports like a SQL result: the CSV holds its rows', async () => {
    const columns = [
      { name: 'city', type: 'string' },
      { name: 'n', type: 'int32' },
    ];
    const rows = [
      ['Lyon', 3],
      ['Paris, "centre"', 5],
      ['Nice', null],
    ];
    const stored = await engine.storeRows(columns, rows);
    const path = join(dir, 'from-ts.csv');
    const r = await exportResult(engine, { handle: stored.handle, format: 'csv', path, workspace: dir });
    expect(r.rows).toBe(3);
    const back = (await engine.connection.runAndReadAll(`SELECT city, n::INTEGER FROM read_csv('${path}') ORDER BY city`)).getRowsJson();
    expect(back).toEqual([
      ['Lyon', 3],
      ['Nice', null],
      ['Paris, "centre"', 5],
    ]);
    // Still pageable in the grid, in the same order, after it became a table.
    expect((await engine.page(stored.handle, 1, 1))[0][0]).toBe('Paris, "centre"');
  });
});
