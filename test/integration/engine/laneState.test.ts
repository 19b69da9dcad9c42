/**
 * LaneState on a real DuckEngine: what the user's connection makes local to itself reaches the live
 * and grid connections (settings, variables, the schema) or is named (TEMP objects), as DuckDB
 * itself reports it after each kind of statement.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { exportResult } from '../../../kernel/export/exportResult';

let engine: DuckEngine;

beforeAll(async () => {
  engine = await DuckEngine.create();
});
afterAll(async () => engine?.close());

/** The first value of a query in the live lane, once the user's changes have reached it. */
async function inLive(sql: string): Promise<unknown> {
  await engine.lanes.settled();
  return engine.inLane('live', async () => Object.values((await engine.query(sql))[0])[0]);
}

const user = (sql: string) => engine.execute(sql);

describe('settings and variables of the user’s connection reach the live lane', () => {
  it('SET, RESET, SET VARIABLE, RESET VARIABLE and USE, each as DuckDB reports it', async () => {
    await user(`SET TimeZone = 'Asia/Kolkata'`);
    expect(await inLive(`SELECT current_setting('TimeZone')`)).toBe('Asia/Kolkata');
    await user(`RESET TimeZone`);
    expect(await inLive(`SELECT current_setting('TimeZone')`)).toBe(
      await engine.query(`SELECT current_setting('TimeZone') AS z`).then((r) => r[0].z),
    );

    await user(`SET VARIABLE cutoff = DATE '2024-02-29'`);
    expect(String(await inLive(`SELECT getvariable('cutoff')::VARCHAR`))).toBe('2024-02-29');
    await user(`SET VARIABLE tags = ['a', 'it''s']`);
    expect(await inLive(`SELECT getvariable('tags')[2]`)).toBe("it's");
    await user(`RESET VARIABLE cutoff`);
    expect(await inLive(`SELECT getvariable('cutoff') IS NULL`)).toBe(true);

    await user(`CREATE SCHEMA kept; CREATE TABLE kept.n AS SELECT 7 AS n`);
    await user(`USE kept`);
    expect(await inLive(`SELECT n FROM n`)).toBe(7);
    await user(`USE main`);
    expect(await inLive(`SELECT current_schema()`)).toBe('main');
    expect(engine.lanes.liveDiffers).toBeNull();
  });
});

describe('TEMP objects of the user’s connection are named', () => {
  it('tables, views, macros and sequences it makes; not once dropped or renamed away', async () => {
    await user(`CREATE TEMP TABLE Scratch AS SELECT 1 AS x`);
    await user(`CREATE OR REPLACE TEMPORARY VIEW recent AS SELECT 2 AS y`);
    await user(`CREATE TEMP MACRO plus_one(v) AS v + 1`);
    await user(`CREATE TEMP SEQUENCE ids`);
    expect([...engine.lanes.tempNames].sort()).toEqual(['ids', 'plus_one', 'recent', 'scratch']);
    await user(`DROP TABLE Scratch`);
    await user(`ALTER VIEW recent RENAME TO latest`);
    await user(`DROP MACRO plus_one; DROP SEQUENCE ids`);
    expect([...engine.lanes.tempNames].sort()).toEqual(['latest']);
    // An ordinary table is not connection-local.
    await user(`CREATE TABLE plain AS SELECT 1`);
    expect([...engine.lanes.tempNames]).toEqual(['latest']);
  });
});

describe('a connection of its own (an export) starts with the user’s settings', () => {
  it('after USE and SET TimeZone, a CSV export finds the result and writes the local time the user’s SQL shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-lanestate-'));
    try {
      await user(`CREATE SCHEMA IF NOT EXISTS kept`);
      await user(`USE kept`);
      await user(`SET TimeZone = 'Asia/Tokyo'`);
      const r = await user(`SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' AS at`);
      const local = (await engine.query(`SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'::VARCHAR AS v`))[0].v;
      expect(local).toBe('2024-01-01 09:00:00+09');
      const out = await exportResult(engine, { handle: r.handle, format: 'csv', path: join(dir, 'at.csv'), workspace: dir });
      expect(readFileSync(out.path, 'utf8').trim().split('\n')).toEqual(['at', String(local)]);
    } finally {
      await user(`USE main`);
      await user(`RESET TimeZone`);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
