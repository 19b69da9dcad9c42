/**
 * The session tells the window when a live re-run it was sent waits for the user's running cell, in a
 * real session over the real sharing server. The window planned the re-run to go beside the running
 * cell (it cannot know the analyst's transaction is open) and shows it running; `live.queued` says
 * which cell waits and why (the open transaction, what it changed), `live.dequeued` that it started.
 * After COMMIT, a re-run goes beside the running cell again and nothing says it is queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, SessionNoticeBody } from '../../../kernel/protocol';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;
let runs = 0;

beforeAll(async () => {
  bed = await LiveBed.create([{ name: 'queued_t', cdf: true, rows: rowsSql(0, 100) }]);
}, 60_000);
afterAll(async () => bed?.close());

function exec(code: string, opts: { lane?: 'live'; language?: 'sql' | 'typescript'; cellId?: string } = {}): Promise<RunResult> {
  const { lane, language = 'sql', cellId = `cell-${++runs}` } = opts;
  return bed.session.execute({ runId: `queued-${++runs}`, cellId, language, code, ...(lane ? { lane } : {}) });
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A user cell that runs until the test lets it end (an Interrupt of a query would abort the transaction). */
async function heldUserCell(): Promise<{ result: Promise<RunResult>; release: () => void }> {
  const key = `__silt_queued_release_${++runs}`;
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

const queueNotices = (from: number) =>
  bed.notices
    .slice(from)
    .filter(
      (n): n is Extract<SessionNoticeBody, { type: 'live.queued' | 'live.dequeued' }> =>
        n.type === 'live.queued' || n.type === 'live.dequeued',
    );

describe('a live re-run held back by the user’s open transaction', () => {
  it('is announced as queued with the transaction and what it changed, then as started; after COMMIT it is not queued', async () => {
    const name = bed.name('queued_t');
    await bed.session.live.start(name, 300);
    expect((await exec(`CREATE TABLE budget AS SELECT 'k' || i AS k, 10 AS amount FROM range(5) t(i)`)).status).toBe('ok');
    expect((await exec(`BEGIN;\nUPDATE budget SET amount = 100 WHERE k = 'k0'`)).status).toBe('ok');
    const CELL = `SELECT (SELECT sum(amount)::INTEGER FROM budget) AS total, count(*)::INTEGER AS n FROM ${name}`;

    const held = await heldUserCell();
    const from = bed.notices.length;
    const version = await bed.writers.queued_t.appendFromQuery(bed.conn, rowsSql(1000, 5));
    await bed.waitFor(updateTo('queued_t', version), from);
    const rerun = exec(CELL, { lane: 'live', cellId: 'live-cell' });
    await until(() => queueNotices(from).length === 1);
    const [queued] = queueNotices(from);
    expect(queued).toMatchObject({
      type: 'live.queued',
      cellId: 'live-cell',
      cause: 'transaction',
      reason: 'your transaction (BEGIN) is open and changed budget: only your connection sees its changes',
      transaction: { state: 'open', changed: ['budget'] },
    });
    // A re-run that reads nothing the transaction changed goes beside the running cell, unannounced.
    expect((await exec(`SELECT count(*) FROM ${name}`, { lane: 'live', cellId: 'other-cell' })).status).toBe('ok');
    expect(queueNotices(from)).toHaveLength(1);

    held.release();
    expect((await held.result).status).toBe('ok');
    expect((await rerun).status).toBe('ok');
    expect(queueNotices(from).slice(1)).toEqual([
      { type: 'live.dequeued', runId: (queued as { runId: string }).runId, cellId: 'live-cell', outcome: 'started' },
    ]);

    // Committed: the same re-run beside a running cell is not held back, and nothing says it is.
    expect((await exec('COMMIT')).status).toBe('ok');
    const afterCommit = bed.notices.length;
    const again = await heldUserCell();
    expect((await exec(CELL, { lane: 'live', cellId: 'live-cell' })).status).toBe('ok');
    again.release();
    expect((await again.result).status).toBe('ok');
    expect(queueNotices(afterCommit)).toEqual([]);
  }, 60_000);
});
