/**
 * A live re-run while the analyst's own transaction is open, in a real session over the real sharing
 * server. The analyst ran BEGIN and changed a local table; their cells read the changed rows, which
 * only their connection sees. A live re-run of a cell over that table waits for the running user
 * cell, says why (the open transaction changed that table), and runs inside the transaction: it shows
 * the numbers the analyst's own cells show, not the committed ones. A live cell that reads nothing the
 * transaction changed re-runs beside the running cell, as before. After ROLLBACK, all do again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSACTION_SNAPSHOT_NOTE } from '../../../common/live/connectionLocal';
import { NOTE_MIME } from '../../../common/outputNote';
import type { RunResult, TableOutput } from '../../../kernel/protocol';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;
let runs = 0;

beforeAll(async () => {
  bed = await LiveBed.create([{ name: 'txn_t', cdf: true, rows: rowsSql(0, 100) }]);
}, 60_000);
afterAll(async () => bed?.close());

function exec(code: string, opts: { lane?: 'live'; language?: 'sql' | 'typescript' } = {}): Promise<RunResult> {
  const { lane, language = 'sql' } = opts;
  return bed.session.execute({ runId: `txn-${++runs}`, cellId: `cell-${runs}`, language, code, ...(lane ? { lane } : {}) });
}

/** The texts of a result's notes (noteOutput). */
const notes = (r: RunResult) => r.outputs.flatMap((o) => (o.kind === 'rich' && NOTE_MIME in o.data ? [o.data[NOTE_MIME]] : []));
const firstRow = (r: RunResult) => r.outputs.find((o): o is TableOutput => o.kind === 'table')?.rows[0];

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A user cell that runs until the test lets it end. A TypeScript cell awaiting a promise: an Interrupt
 * of a running query would abort the analyst's transaction (DuckDB does), which is not what is tested here.
 */
async function heldUserCell(): Promise<{ result: Promise<RunResult>; release: () => void }> {
  const key = `__silt_txn_release_${runs}`;
  const result = exec(
    `await new Promise<void>((resolve) => { (globalThis as Record<string, unknown>)[${JSON.stringify(key)}] = resolve; });`,
    {
      language: 'typescript',
    },
  );
  const g = globalThis as Record<string, unknown>;
  await until(() => bed.session.busy && typeof g[key] === 'function');
  return { result, release: () => (g[key] as () => void)() };
}

describe('a live re-run while the user’s transaction is open', () => {
  it('one over a table it changed waits for the running cell, says why, and shows the transaction’s rows', async () => {
    const name = bed.name('txn_t');
    await bed.session.live.start(name, 300);
    expect((await exec(`CREATE TABLE budget AS SELECT 'k' || i AS k, 10 AS amount FROM range(5) t(i)`)).status).toBe('ok');
    expect((await exec(`BEGIN;\nUPDATE budget SET amount = 100 WHERE k = 'k0'`)).status).toBe('ok');
    // By hand: four rows of 10 and one of 100; committed, five rows of 10.
    const CELL = `SELECT (SELECT sum(amount)::INTEGER FROM budget) AS total, count(*)::INTEGER AS n FROM ${name}`;
    expect(firstRow(await exec(CELL))).toEqual([140, 100]);

    const held = await heldUserCell();
    let order: string[] = [];
    const from = bed.notices.length;
    const version = await bed.writers.txn_t.appendFromQuery(bed.conn, rowsSql(1000, 5));
    await bed.waitFor(updateTo('txn_t', version), from);
    const rerun = exec(CELL, { lane: 'live' }).finally(() => (order = [...order, 're-run']));
    void held.result.finally(() => (order = [...order, 'user cell']));
    const waits = () => bed.progress.filter((p) => p.label.startsWith('Waits for the running cell'));
    await until(() => waits().length === 1);
    expect(waits().map((p) => p.label)).toEqual([
      'Waits for the running cell: your transaction (BEGIN) is open and changed budget: only your connection sees its changes',
    ]);
    // A cell that reads nothing the transaction changed re-runs beside the running cell, with the new version.
    expect(firstRow(await exec(`SELECT count(*)::INTEGER AS n FROM ${name}`, { lane: 'live' }))).toEqual([105]);
    expect(order).toEqual([]);

    held.release();
    expect((await held.result).status).toBe('ok');
    const r = await rerun;
    expect(r.status).toBe('ok');
    // The transaction's total, as the analyst's own cell shows it. Its snapshot is from BEGIN: the live
    // table's new version, written on another connection since, shows once the transaction ends.
    expect(firstRow(r)).toEqual([140, 100]);
    // …and the result says so, since the cell's badge names the new version.
    expect(notes(r)).toEqual([TRANSACTION_SNAPSHOT_NOTE]);
    expect(firstRow(await exec(CELL))).toEqual([140, 100]);
    expect(order).toEqual(['user cell', 're-run']);

    // Rolled back: the committed rows, and a re-run goes beside a running cell again.
    expect((await exec('ROLLBACK')).status).toBe('ok');
    const again = await heldUserCell();
    const beside = await exec(CELL, { lane: 'live' });
    expect(firstRow(beside)).toEqual([50, 105]);
    expect(notes(beside)).toEqual([]);
    again.release();
    expect((await again.result).status).toBe('ok');
    expect(waits()).toHaveLength(1);
  }, 60_000);
});
