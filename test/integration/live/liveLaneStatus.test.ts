/**
 * The session's status through the real host: only the user's cell makes it busy. A live-lane run
 * next to the user's long cell neither ends "busy" when it finishes nor starts it when it runs
 * alone; Interrupt stops the user's cell first and, with only a live-lane run going, that one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, RunResult } from '../../../kernel/protocol';
import { openSession, type OpenSession } from '../../helpers/startHost';

let s: OpenSession;
let runs = 0;

beforeAll(async () => {
  s = await openSession('lane-status');
  // The session has started (its own busy/idle and starting/idle are behind us).
  await execute('SELECT 1');
}, 60_000);
afterAll(async () => s?.close());

const ENDLESS = 'SELECT sum(hash(i)) FROM range(1000000000000) t(i)';

function execute(code: string, lane?: 'live'): Promise<RunResult> {
  return s.client.request('execute', {
    sessionId: s.sessionId,
    runId: `status-${++runs}`,
    cellId: `c${runs}`,
    language: 'sql',
    code,
    ...(lane ? { lane } : {}),
  });
}

const statuses = (from: number) =>
  s.client.events
    .slice(from)
    .filter((e): e is Extract<EventMessage, { type: 'session.status' }> => e.type === 'session.status')
    .map((e) => e.status);

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('busy is the user’s run only', () => {
  it('a live-lane run alone never makes the session busy', async () => {
    const from = s.client.events.length;
    const r = await execute('SELECT 41 + 1 AS answer', 'live');
    expect(r.status).toBe('ok');
    // A user run after it: its busy/idle pair is the only one.
    await execute('SELECT 1');
    expect(statuses(from)).toEqual(['busy', 'idle']);
  }, 30_000);

  it('a live-lane run that ends while the user’s cell runs leaves the session busy; Interrupt then stops the user’s cell', async () => {
    const from = s.client.events.length;
    const long = execute(ENDLESS);
    await until(() => statuses(from).includes('busy'));
    expect((await execute('SELECT 7 AS seven', 'live')).status).toBe('ok');
    expect(statuses(from)).toEqual(['busy']);
    const { restarted } = await s.client.request('session.interrupt', { sessionId: s.sessionId });
    expect(restarted).toBe(false);
    expect((await long).status).toBe('interrupted');
    expect(statuses(from)).toEqual(['busy', 'idle']);
  }, 60_000);

  it('with only a live-lane run going, Interrupt stops it, without a restart', async () => {
    const live = execute(ENDLESS, 'live');
    // Interrupt until the run answers: the first may land before the session has started it.
    let done: RunResult | undefined;
    void live.then((r) => (done = r));
    while (!done) {
      const { restarted } = await s.client.request('session.interrupt', { sessionId: s.sessionId });
      expect(restarted).toBe(false);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(done.status).toBe('interrupted');
  }, 60_000);
});
