import { describe, expect, it } from 'vitest';
import type { TransactionView } from '../../../kernel/engine/UserTransaction';
import { UserLaneGate } from '../../../kernel/session/live/UserLaneGate';
import type { LaneWait } from '../../../kernel/session/live/userLaneReason';

/** The user's connection as the gate sees it: a transaction that changed `budget`, then committed. */
function lanes() {
  let transaction: TransactionView = { state: 'open', changed: new Set(['budget']) };
  return {
    tempNames: new Set<string>() as ReadonlySet<string>,
    liveDiffers: null as string | null,
    get transaction() {
      return transaction;
    },
    commit() {
      transaction = { state: 'closed', changed: new Set() };
    },
    settled: () => Promise.resolve(),
  };
}

const cell = { language: 'sql' as const, code: 'SELECT sum(amount) FROM budget' };

describe('UserLaneGate', () => {
  it('a re-run held by the user’s transaction goes to the live lane once it commits, while the user’s cell still runs', async () => {
    const l = lanes();
    const gate = new UserLaneGate(() => true, l);
    const waits: LaneWait[] = [];
    const lane = gate.laneFor(cell, new AbortController().signal, (w) => waits.push(w));
    await Promise.resolve();
    expect(waits.map((w) => w.cause)).toEqual(['transaction']);
    l.commit();
    gate.transactionSettled();
    expect(await lane).toBe('live');
  });

  it('a re-run still held for another reason after the commit says the new reason and keeps waiting for the cell', async () => {
    const l = lanes();
    let running = true;
    const gate = new UserLaneGate(() => running, l);
    const waits: LaneWait[] = [];
    const lane = gate.laneFor({ language: 'sql', code: 'SELECT * FROM budget, scratch' }, new AbortController().signal, (w) =>
      waits.push(w),
    );
    await Promise.resolve();
    l.commit();
    (l.tempNames as Set<string>).add('scratch');
    gate.transactionSettled();
    await new Promise((r) => setTimeout(r, 0));
    expect(waits.map((w) => w.cause)).toEqual(['transaction', 'temp']);
    running = false;
    gate.runEnded();
    expect(await lane).toBe('user');
  });
});
