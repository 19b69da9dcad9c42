/**
 * What a cell made local to the user's connection, during a long user cell, in a real session over
 * the real sharing server: a live re-run that reads a TEMP table, view or macro gives the right rows
 * (it waits for the user's cell and runs in its lane) instead of a Catalog Error, while other live
 * re-runs still answer beside the long cell; `SET TimeZone`, `SET VARIABLE` and `USE` made in the
 * user's lane hold in the live lane too, so a live re-run renders the same local time and reads the
 * same schema; and a grid pages a result with the timestamps its first page showed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, TableOutput } from '../../../kernel/protocol';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;
let runs = 0;

beforeAll(async () => {
  bed = await LiveBed.create([{ name: 'state_t', cdf: true, rows: rowsSql(0, 100) }]);
}, 60_000);
afterAll(async () => bed?.close());
// A long cell a failed test left running would hold the user's lane for the next test.
afterEach(async () => {
  while (bed.session.busy) {
    bed.session.interrupt();
    await new Promise((r) => setTimeout(r, 50));
  }
});

function exec(code: string, lane?: 'live'): Promise<RunResult> {
  return bed.session.execute({ runId: `state-${++runs}`, cellId: `cell-${runs}`, language: 'sql', code, ...(lane ? { lane } : {}) });
}

const table = (r: RunResult) => r.outputs.find((o): o is TableOutput => o.kind === 'table');
const errors = (r: RunResult) => r.outputs.filter((o) => o.kind === 'error');
const firstRow = (r: RunResult) => table(r)?.rows[0];

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A query that runs until it is interrupted. */
const ENDLESS = 'SELECT sum(hash(i)) FROM range(1000000000000) t(i)';

/** Starts the user's long cell; resolves once the session is busy with it. */
async function longUserCell(): Promise<{ result: Promise<RunResult>; done: () => boolean }> {
  let done = false;
  const result = exec(ENDLESS).finally(() => (done = true));
  await until(() => bed.session.busy);
  return { result, done: () => done };
}

describe('TEMP objects of the user’s connection, read by a live re-run during a long user cell', () => {
  it('the re-run gives the right rows once the long cell ends, never a Catalog Error; an independent one answers beside it', async () => {
    const name = bed.name('state_t');
    await bed.session.live.start(name, 300);
    expect((await exec(`CREATE TEMP TABLE weights AS SELECT 3 AS w`)).status).toBe('ok');
    expect((await exec(`CREATE TEMP VIEW low_ids AS SELECT id FROM ${name} WHERE id < 10`)).status).toBe('ok');
    expect((await exec(`CREATE TEMP MACRO doubled(x) AS x * 2`)).status).toBe('ok');

    const long = await longUserCell();
    const from = bed.notices.length;
    const version = await bed.writers.state_t.appendFromQuery(bed.conn, rowsSql(1000, 5));
    await bed.waitFor(updateTo('state_t', version), from);

    // The live re-runs of three cells that read the new version and a TEMP object each.
    const order: string[] = [];
    const viaTable = exec(`SELECT count(*)::INTEGER AS n, (sum(id) * (SELECT w FROM weights))::BIGINT AS s FROM ${name}`, 'live');
    const viaView = exec(`SELECT count(*)::INTEGER AS n FROM low_ids`, 'live');
    const viaMacro = exec(`SELECT doubled(max(id))::BIGINT AS m FROM ${name}`, 'live');
    const temps = Promise.all([viaTable, viaView, viaMacro]).finally(() => order.push('temp re-runs'));
    void long.result.finally(() => order.push('long cell'));

    // A re-run that needs nothing of the user's connection still answers while the long cell runs.
    const independent = await exec(`SELECT count(*)::INTEGER AS n FROM ${name}`, 'live');
    expect(firstRow(independent)).toEqual([105]);
    expect(long.done()).toBe(false);
    // Each waiting re-run says why on its progress line, with no amount to count (not "running…").
    await until(() => bed.progress.filter((p) => p.label.startsWith('Waits for the running cell')).length === 3);
    expect(bed.progress.filter((p) => p.label.startsWith('Waits')).map((p) => [p.label, p.done, p.total, p.unit])).toEqual(
      expect.arrayContaining([
        ["Waits for the running cell: it reads the TEMP object weights, which only the user's connection has", 0, null, 'steps'],
        ["Waits for the running cell: it reads the TEMP object low_ids, which only the user's connection has", 0, null, 'steps'],
      ]),
    );

    bed.session.interrupt();
    expect((await long.result).status).toBe('interrupted');
    const [t, v, m] = await temps;
    for (const r of [t, v, m]) {
      expect(errors(r)).toEqual([]);
      expect(r.status).toBe('ok');
    }
    // Independently: ids 0..99 and 1000..1004; weights.w = 3; ten ids below 10; doubled(1004).
    expect(firstRow(t)).toEqual([105, String((4950 + 5010) * 3)]);
    expect(firstRow(v)).toEqual([10]);
    expect(firstRow(m)).toEqual([String(2008)]);
    // They waited for the user's cell instead of failing beside it.
    expect(order).toEqual(['long cell', 'temp re-runs']);

    // Once the TEMP table is dropped, a cell of that name reads the ordinary table, beside a long cell again.
    expect((await exec(`DROP TABLE weights`)).status).toBe('ok');
    expect((await exec(`CREATE TABLE weights AS SELECT 5 AS w`)).status).toBe('ok');
    const again = await longUserCell();
    expect(firstRow(await exec(`SELECT w FROM weights`, 'live'))).toEqual([5]);
    expect(again.done()).toBe(false);
  }, 60_000);
});

describe('settings made in the user’s lane hold in the live lane', () => {
  const LOCAL_TIME = `SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'::VARCHAR AS local_time`;

  it('SET TimeZone: a live re-run during a long user cell renders the same local time as the user’s lane', async () => {
    const utc = firstRow(await exec(LOCAL_TIME));
    expect(utc).toEqual(['2024-01-01 00:00:00+00']);
    expect((await exec(`SET TimeZone = 'Asia/Tokyo'`)).status).toBe('ok');
    const user = firstRow(await exec(LOCAL_TIME));
    expect(user).toEqual(['2024-01-01 09:00:00+09']);
    const long = await longUserCell();
    expect(firstRow(await exec(LOCAL_TIME, 'live'))).toEqual(user);
    expect(long.done()).toBe(false);
    bed.session.interrupt();
    expect((await long.result).status).toBe('interrupted');

    // RESET goes across too.
    expect((await exec(`RESET TimeZone`)).status).toBe('ok');
    expect(firstRow(await exec(LOCAL_TIME, 'live'))).toEqual(utc);
  }, 30_000);

  it('SET inside the long cell itself, before its long statement, holds for a live re-run beside it', async () => {
    let done = false;
    const long = exec(`SET TimeZone = 'America/New_York'; ${ENDLESS}`).finally(() => (done = true));
    await until(() => bed.session.busy);
    // The SET runs a moment after busy turns on: ask until it shows (or the wait runs out).
    const r = await eventually(async () => firstRow(await exec(LOCAL_TIME, 'live')), ['2023-12-31 19:00:00-05']);
    expect(r).toEqual(['2023-12-31 19:00:00-05']);
    expect(done).toBe(false);
    bed.session.interrupt();
    expect((await long).status).toBe('interrupted');
    await exec(`RESET TimeZone`);
  }, 30_000);

  it('a live re-run of a cell that runs SET itself waits and sets the user’s connection, where the cells below run', async () => {
    const long = await longUserCell();
    const rerun = exec(`SET TimeZone = 'Europe/Paris'; ${LOCAL_TIME}`, 'live');
    let order: string[] = [];
    void long.result.finally(() => (order = [...order, 'long cell']));
    void rerun.finally(() => (order = [...order, 'SET re-run']));
    bed.session.interrupt();
    expect((await long.result).status).toBe('interrupted');
    expect(firstRow(await rerun)).toEqual(['2024-01-01 01:00:00+01']);
    expect(order).toEqual(['long cell', 'SET re-run']);
    // The user's lane (and so the live lane) now has the re-run's setting.
    expect(firstRow(await exec(LOCAL_TIME))).toEqual(['2024-01-01 01:00:00+01']);
    expect(firstRow(await exec(LOCAL_TIME, 'live'))).toEqual(['2024-01-01 01:00:00+01']);
    await exec(`RESET TimeZone`);
  }, 30_000);

  it('USE and SET VARIABLE: a live re-run reads the same schema and variable', async () => {
    expect((await exec(`CREATE SCHEMA side; CREATE TABLE side.sizes AS SELECT 11 AS size`)).status).toBe('ok');
    expect((await exec(`USE side`)).status).toBe('ok');
    expect((await exec(`SET VARIABLE factor = 4`)).status).toBe('ok');
    const q = `SELECT size * getvariable('factor') AS x FROM sizes`;
    const user = await exec(q);
    expect(firstRow(user)).toEqual([44]);
    // The result's table was made in schema side: the grid's connection finds it there too.
    expect(await bed.session.engine.page(table(user)!.handle!, 0, 1)).toEqual([[44]]);
    const long = await longUserCell();
    expect(firstRow(await exec(q, 'live'))).toEqual([44]);
    expect(long.done()).toBe(false);
    bed.session.interrupt();
    expect((await long.result).status).toBe('interrupted');
    await exec(`USE main`);
  }, 30_000);
});

/** Runs `read` until it gives `want` (the SET before a long statement lands a moment after busy). */
async function eventually<T>(read: () => Promise<T>, want: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await read();
    if (JSON.stringify(got) === JSON.stringify(want) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}
