/**
 * The live lane, in a real session over the real sharing server: a live re-run of a cell that does
 * not depend on the user's running cell runs beside it, on a connection of its own, and sees the new
 * version while the long cell is still running; results written in either lane are readable from
 * both; two TypeScript runs interleaved each get their own display() and console output; Interrupt
 * stops the user's cell and leaves a live re-run alone (and stops a live re-run when it is all that runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, TableOutput } from '../../../kernel/protocol';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;
let runs = 0;

beforeAll(async () => {
  bed = await LiveBed.create([{ name: 'lane_t', cdf: true, rows: rowsSql(0, 100) }]);
}, 60_000);
afterAll(async () => bed?.close());

function exec(code: string, opts: { lane?: 'user' | 'live'; language?: 'sql' | 'typescript'; name?: string; cellId?: string } = {}) {
  return bed.session.execute({
    runId: `lane-${++runs}`,
    cellId: opts.cellId ?? `cell-${runs}`,
    language: opts.language ?? 'sql',
    code,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.lane ? { lane: opts.lane } : {}),
  });
}

const firstRow = (r: RunResult) => (r.outputs.find((o): o is TableOutput => o.kind === 'table') ?? { rows: [] }).rows[0];
const texts = (r: RunResult) => r.outputs.flatMap((o) => (o.kind === 'stream' ? [o.text] : []));

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A query that runs until it is interrupted (a cross join DuckDB could not finish today). */
const ENDLESS = (table: string) => `SELECT sum(hash(e.id, r.i)) FROM ${table} e, range(1000000000000) r(i)`;

describe('a live re-run beside a long user cell', () => {
  it('sees the new version and answers while the long cell still runs; the long cell then stops on Interrupt', async () => {
    const name = bed.name('lane_t');
    await bed.session.live.start(name, 300);
    let longDone = false;
    const long = exec(ENDLESS(name)).finally(() => (longDone = true));
    await until(() => bed.session.busy);
    const from = bed.notices.length;
    const version = await bed.writers.lane_t.appendFromQuery(bed.conn, rowsSql(1000, 5));
    await bed.waitFor(updateTo('lane_t', version), from);
    // The dependent cell's re-run, named so later cells (in either lane) read its result.
    const rerun = await exec(`SELECT count(*)::INTEGER AS n, sum(id)::BIGINT AS s FROM ${name}`, { lane: 'live', name: 'lane_counts' });
    expect(rerun.status).toBe('ok');
    // Independently: 100 rows 0..99 plus 1000..1004.
    expect(firstRow(rerun)).toEqual([105, String(4950 + 5010)]);
    expect(longDone).toBe(false);
    expect(bed.session.busy).toBe(true);
    // A live re-run does not make the session busy for the user, nor does its end make it idle.
    expect(bed.session.running('live')).toBe(false);

    bed.session.interrupt();
    expect((await long).status).toBe('interrupted');
    // The result the live lane named is there for the user's next cell, in SQL and in TypeScript.
    expect(firstRow(await exec('SELECT n FROM lane_counts'))).toEqual([105]);
    const ts = await exec('lane_counts.values[0][0]', { language: 'typescript' });
    expect(JSON.stringify(ts.outputs)).toContain('105');
  }, 60_000);

  it('Interrupt stops the user cell and leaves a live re-run running; with only a live re-run, Interrupt stops it', async () => {
    const name = bed.name('lane_t');
    const user = exec(ENDLESS(name));
    await until(() => bed.session.running('user'));
    const live = exec(ENDLESS(name), { lane: 'live' });
    await until(() => bed.session.running('live'));
    bed.session.interrupt();
    expect((await user).status).toBe('interrupted');
    expect(bed.session.running('live')).toBe(true);
    bed.session.interrupt();
    expect((await live).status).toBe('interrupted');
    expect(bed.session.running('live')).toBe(false);
  }, 60_000);

  it('with only a live re-run that reads a TEMP table (it runs on the user’s connection), Interrupt stops it', async () => {
    expect((await exec('CREATE TEMP TABLE lane_tmp AS SELECT 1 AS a')).status).toBe('ok');
    const live = exec('SELECT sum(hash(t.a, r.i)) FROM lane_tmp t, range(1000000000000) r(i)', { lane: 'live' });
    await until(() => bed.session.running('live'));
    bed.session.interrupt();
    expect((await live).status).toBe('interrupted');
    expect(firstRow(await exec('SELECT a FROM lane_tmp'))).toEqual([1]);
  }, 60_000);

  it('a grid pages through a result while the user’s long cell runs', async () => {
    const earlier = await exec('SELECT i::INTEGER AS i FROM range(1000) t(i)');
    const handle = earlier.outputs.find((o): o is TableOutput => o.kind === 'table')!.handle!;
    let longDone = false;
    const long = exec(ENDLESS(bed.name('lane_t'))).finally(() => (longDone = true));
    await until(() => bed.session.running('user'));
    expect(await bed.session.engine.page(handle, 900, 3)).toEqual([[900], [901], [902]]);
    expect(longDone).toBe(false);
    bed.session.interrupt();
    expect((await long).status).toBe('interrupted');
  }, 60_000);

  it('a result the user lane names is read by a live re-run, through SQL and through TypeScript', async () => {
    await exec('SELECT 7 AS seven', { name: 'from_user' });
    expect(firstRow(await exec('SELECT seven * 6 FROM from_user', { lane: 'live' }))).toEqual([42]);
    const ts = await exec('from_user.values[0][0] * 2', { language: 'typescript', lane: 'live' });
    expect(JSON.stringify(ts.outputs)).toContain('14');
  }, 30_000);
});

describe('two TypeScript runs at once', () => {
  it('each gets its own display() outputs and console lines, however their awaits interleave', async () => {
    // Each run displays, waits for the other to have displayed, then prints and displays again.
    const code = (me: string, other: string) => `
      const g = globalThis as any;
      display('${me} first');
      g.__lane_${me} = true;
      while (!g.__lane_${other}) await new Promise((r) => setTimeout(r, 5));
      console.log('${me} says hi');
      const df = await sql\`SELECT '${me}' AS who\`;
      display(df.values[0][0] + ' second');
      '${me} done'`;
    const [a, b] = await Promise.all([
      exec(code('a', 'b'), { language: 'typescript' }),
      exec(code('b', 'a'), { language: 'typescript', lane: 'live' }),
    ]);
    const shown = (r: RunResult) => JSON.stringify(r.outputs);
    for (const [r, me, other] of [
      [a, 'a', 'b'],
      [b, 'b', 'a'],
    ] as const) {
      expect(r.status).toBe('ok');
      expect(shown(r)).toContain(`${me} first`);
      expect(shown(r)).toContain(`${me} second`);
      expect(shown(r)).toContain(`${me} done`);
      expect(texts(r)).toEqual([`${me} says hi\n`]);
      expect(shown(r)).not.toContain(`${other} first`);
      expect(shown(r)).not.toContain(`${other} second`);
    }
  }, 60_000);
});
