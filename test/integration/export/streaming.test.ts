/** Large exports stream in bounded chunks, can be cancelled, and a failing disk stops them cleanly. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchReader } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { planColumns } from '../../../kernel/export/columnPlan';
import { exportResult } from '../../../kernel/export/exportResult';
import { CHUNK_ROWS, describeTable, readChunks } from '../../../kernel/export/readChunks';
import { resultTable } from '../../../kernel/export/resultTable';
import { writeArrowFile } from '../../../kernel/export/writeArrowFile';

const ROWS = 2_000_000;
let engine: DuckEngine;
let handle: string;
let dir: string;

beforeAll(async () => {
  engine = await DuckEngine.create();
  handle = (await engine.execute(`SELECT range AS id, 'row ' || range AS label, range * 0.5 AS half FROM range(${ROWS})`, { name: 'big' }))
    .handle;
  dir = mkdtempSync(join(tmpdir(), 'silt-stream-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('streamed exports', () => {
  it('a 2M-row Arrow export is written one bounded record batch per chunk, with progress along the way', async () => {
    const seen: number[] = [];
    const r = await exportResult(engine, {
      handle,
      format: 'arrow',
      path: 'big.arrow',
      workspace: dir,
      onProgress: (done) => seen.push(done),
    });
    expect(r.rows).toBe(ROWS);
    const batches = [...RecordBatchReader.from(readFileSync(join(dir, 'big.arrow')))].map((b) => b.numRows);
    expect(batches.length).toBe(Math.ceil(ROWS / CHUNK_ROWS));
    expect(Math.max(...batches)).toBe(CHUNK_ROWS);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(ROWS);
    // Progress moves in chunk-sized steps, never one jump at the end.
    expect(seen.length).toBe(batches.length);
    expect(seen.at(-1)).toBe(ROWS);
  });

  it('the 2M-row result exports to CSV through DuckDB with every line', async () => {
    const r = await exportResult(engine, { handle, format: 'csv', path: 'big.csv', workspace: dir });
    const reader = await engine.connection.runAndReadAll(`SELECT count(*), sum(id) FROM read_csv('${join(dir, 'big.csv')}')`);
    expect(reader.getRowsJson()[0]).toEqual([String(ROWS), String((ROWS * (ROWS - 1)) / 2)]);
    expect(r.bytes).toBeGreaterThan(ROWS * 10);
  });

  it('cancelling an Arrow export stops it and leaves no file', async () => {
    const abort = new AbortController();
    const run = exportResult(engine, {
      handle,
      format: 'arrow',
      path: 'cancel.arrow',
      workspace: dir,
      signal: abort.signal,
      onProgress: (done) => done >= CHUNK_ROWS * 2 && abort.abort(),
    });
    await expect(run).rejects.toThrow('The export was cancelled; no file was written.');
    expect(readdirSync(dir).filter((f) => f.includes('cancel'))).toEqual([]);
  });

  it('cancelling a COPY export (Parquet) interrupts DuckDB and leaves no file', async () => {
    const abort = new AbortController();
    const wide = await engine.execute(`SELECT range AS id, md5(range::VARCHAR) AS a, md5((range + 1)::VARCHAR) AS b FROM range(6000000)`);
    const run = exportResult(engine, {
      handle: wide.handle,
      format: 'parquet',
      path: 'cancel.parquet',
      workspace: dir,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 150);
    await expect(run).rejects.toThrow('The export was cancelled; no file was written.');
    expect(readdirSync(dir).filter((f) => f.includes('cancel'))).toEqual([]);
    // The session's connection still works afterwards.
    expect((await engine.page(handle, 5, 1))[0][0]).toBe('5');
    await engine.forget(wide.handle);
  });

  it('a disk that fills up mid-stream (/dev/full) fails the Arrow writer instead of hanging', async () => {
    const source = await resultTable(engine, handle, engine.connection);
    const plan = planColumns(await describeTable(engine.connection, source.table));
    await expect(writeArrowFile('/dev/full', plan, readChunks(engine.connection, source, plan), () => {})).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(existsSync(join(dir, 'full.arrow'))).toBe(false);
  });
});
