/**
 * liveFailure against errors real DuckDB raises while reading Parquet files the way a live copy
 * does: only a file DuckDB finds invalid is corrupt (and stops the table); a missing file or memory
 * running out is a resource failure that polling again may get past, even when the SQL in the
 * message names Parquet files.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveFailure } from '../../../kernel/session/live/liveFailure';

let dir: string;
let conn: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-live-failure-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
});
afterAll(() => {
  conn?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function duckError(sql: string): Promise<Error> {
  try {
    await conn.run(sql);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected DuckDB to fail: ${sql}`);
}

describe('liveFailure on real DuckDB errors', () => {
  it('a file that is not Parquet is corrupt, permanent, and the damaged file is the one to drop', async () => {
    const bad = join(dir, 'bad.parquet');
    const good = join(dir, 'good.parquet');
    writeFileSync(bad, Buffer.alloc(4096, 7));
    await conn.run(`COPY (SELECT 1 AS x) TO '${good}'`);
    const f = liveFailure(await duckError(`SELECT * FROM read_parquet(['${good}', '${bad}'])`));
    expect(f.code).toBe('corrupt');
    expect(f.permanent).toBe(true);
    expect(f.damagedFiles).toEqual([bad]);
  });

  it('a downloaded file that is gone is an IO failure to retry, not a corrupt table', async () => {
    const e = await duckError(`SELECT * FROM read_parquet('${join(dir, 'evicted.parquet')}')`);
    expect(e.message).toMatch(/parquet/);
    expect(liveFailure(e)).toMatchObject({ code: 'io', permanent: false });
  });

  it('running out of memory while reading Parquet is a resource failure to retry', async () => {
    const big = join(dir, 'big.parquet');
    await conn.run(`COPY (SELECT range AS i, repeat('x', 100) || range AS s FROM range(2000000)) TO '${big}'`);
    await conn.run(`SET memory_limit = '2MB'`);
    try {
      const e = await duckError(`CREATE TABLE copy AS SELECT * FROM read_parquet('${big}') ORDER BY s DESC`);
      expect(e.message).toMatch(/^Out of Memory Error/);
      expect(liveFailure(e)).toMatchObject({ code: 'unavailable', permanent: false });
      // The same error with the generated SQL echoed after it (as a live copy's statement would be) is not corrupt either.
      const echoed = new Error(`${e.message}\n\nLINE 1: CREATE TABLE copy AS SELECT * FROM read_parquet('${big}')`);
      expect(liveFailure(echoed).code).toBe('unavailable');
    } finally {
      await conn.run(`SET memory_limit = '1GB'`);
    }
  });
});
