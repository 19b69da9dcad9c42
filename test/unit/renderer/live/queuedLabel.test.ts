import { describe, expect, it } from 'vitest';
import { queuedTitle, queuedWords } from '../../../../renderer/live/queuedLabel';

describe('queuedLabel: a queued re-run’s badge words', () => {
  it('names the open transaction, or says it may be open when the session has not asked DuckDB since', () => {
    expect(queuedWords({ cause: 'transaction', transaction: { state: 'open', changed: ['budget'] } })).toBe(
      'your transaction (BEGIN) is open',
    );
    expect(queuedWords({ cause: 'transaction', transaction: { state: 'unknown', changed: 'all' } })).toBe(
      'your transaction (BEGIN) may be open',
    );
    expect(queuedWords({ cause: 'temp' })).toBe('it reads a TEMP object');
  });

  it('the tooltip carries the change and the session’s whole reason', () => {
    const q = { runId: 'r', cause: 'temp' as const, reason: 'it reads the TEMP object fx, which only the user’s connection has' };
    expect(queuedTitle(q, 'lab.s.orders', 7)).toBe(
      'lab.s.orders changed to v7; its re-run waits for the running cell, then runs in your connection: ' + q.reason,
    );
  });
});
