import { describe, expect, it } from 'vitest';
import type { TransactionState } from '../../../../kernel/engine/UserTransaction';
import { userLaneReason } from '../../../../kernel/session/live/userLaneReason';

const sql = (code: string) => ({ language: 'sql' as const, code });
const ts = (code: string) => ({ language: 'typescript' as const, code });
const lanes = (temps: string[], liveDiffers: string | null = null, state: TransactionState = 'closed', changed: string[] | 'all' = []) => ({
  tempNames: new Set(temps),
  liveDiffers,
  transaction: { state, changed: changed === 'all' ? ('all' as const) : new Set(changed) },
});

describe('userLaneReason: when a live re-run must run in the user’s lane', () => {
  it('a cell naming a TEMP object of the user’s connection, in SQL or TypeScript, any case, quoted or not', () => {
    expect(userLaneReason(sql('SELECT * FROM Weights'), lanes(['weights']))).toContain('TEMP object weights');
    expect(userLaneReason(sql('SELECT doubled(x) FROM t'), lanes(['doubled']))).toContain('TEMP object doubled');
    expect(userLaneReason(sql('SELECT * FROM "Recent ""Big"" Orders"'), lanes(['recent "big" orders']))).toContain(
      'TEMP object recent "big" orders',
    );
    expect(userLaneReason(ts('const df = await sql`SELECT * FROM fx`'), lanes(['fx']))).toContain('TEMP object fx');
    expect(userLaneReason(ts('const rows = await query("SELECT * FROM fx")'), lanes(['fx']))).toContain('TEMP object fx');
  });

  it('a cell that only contains the name inside a longer word runs in the live lane', () => {
    expect(userLaneReason(sql('SELECT * FROM fx_rates, weights_v2'), lanes(['fx', 'weights']))).toBeNull();
    expect(userLaneReason(sql('SELECT 1'), lanes([]))).toBeNull();
  });

  it('a cell that runs SET or USE itself, in SQL or through query() in TypeScript', () => {
    expect(userLaneReason(sql(`SET TimeZone = 'Europe/Paris'; SELECT 1`), lanes([]))).toContain('SET or USE');
    expect(userLaneReason(sql(`SELECT 1;\nuse side`), lanes([]))).toContain('SET or USE');
    expect(userLaneReason(ts(`await query("SET threads = 1")`), lanes([]))).toContain('SET or USE');
    expect(userLaneReason(sql(`SELECT 'SET x' AS settings, "use" FROM t`), lanes([]))).toBeNull();
  });

  it('every cell, while the live connection refused one of the user’s settings', () => {
    const why = 'the live connection refused the setting TimeZone (Not implemented)';
    expect(userLaneReason(sql('SELECT 1'), lanes([], why))).toBe(why);
  });

  it('a cell naming a table the user’s open transaction changed; every cell when a change could not be placed', () => {
    expect(userLaneReason(sql('SELECT sum(amount) FROM Budget'), lanes([], null, 'open', ['budget']))).toBe(
      'your transaction (BEGIN) is open and changed budget: only your connection sees its changes',
    );
    expect(userLaneReason(ts('await query("SELECT * FROM budget")'), lanes(['fx'], null, 'open', ['budget']))).toContain('changed budget');
    expect(userLaneReason(sql('SELECT 1'), lanes([], null, 'open', 'all'))).toBe(
      'your transaction (BEGIN) is open: only your connection sees its changes',
    );
    // Mid-run, after BEGIN, before DuckDB was asked again.
    expect(userLaneReason(sql('SELECT * FROM budget'), lanes([], null, 'unknown', ['budget']))).toContain(
      'your transaction (BEGIN) may be open and changed budget',
    );
  });

  it('a cell reading none of its changes runs in the live lane, which sees new live versions the transaction’s snapshot lacks', () => {
    expect(userLaneReason(sql('SELECT count(*) FROM lab.s.orders'), lanes([], null, 'open', ['budget']))).toBeNull();
    expect(userLaneReason(sql('SELECT * FROM budget_2024'), lanes([], null, 'open', ['budget']))).toBeNull();
    expect(userLaneReason(sql('SELECT * FROM budget'), lanes([], null, 'closed', []))).toBeNull();
  });

  it('not once the transaction aborted: its changes are gone, and every query there fails until ROLLBACK', () => {
    expect(userLaneReason(sql('SELECT * FROM budget'), lanes([], null, 'aborted', ['budget']))).toBeNull();
    expect(userLaneReason(sql('SELECT * FROM fx'), lanes(['fx'], null, 'aborted', 'all'))).toContain('TEMP object fx');
  });
});
