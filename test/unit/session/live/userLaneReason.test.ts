import { describe, expect, it } from 'vitest';
import type { TransactionState } from '../../../../kernel/engine/UserTransaction';
import { userLaneReason } from '../../../../kernel/session/live/userLaneReason';

const sql = (code: string) => ({ language: 'sql' as const, code });
const ts = (code: string) => ({ language: 'typescript' as const, code });
const lanes = (temps: string[], liveDiffers: string | null = null, transaction: TransactionState = 'closed') => ({
  tempNames: new Set(temps),
  liveDiffers,
  transaction,
});

describe('userLaneReason: when a live re-run must run in the user’s lane', () => {
  it('a cell naming a TEMP object of the user’s connection, in SQL or TypeScript, any case, quoted or not', () => {
    expect(userLaneReason(sql('SELECT * FROM Weights'), lanes(['weights']))).toContain('TEMP object weights');
    expect(userLaneReason(sql('SELECT doubled(x) FROM t'), lanes(['doubled']))).toContain('TEMP object doubled');
    expect(userLaneReason(sql('SELECT * FROM "Recent ""Big"" Orders"'), lanes(['recent "big" orders']))).toContain(
      'TEMP object recent "big" orders',
    );
    expect(userLaneReason(ts('const df = await sql`SELECT * FROM fx`'), lanes(['fx']))).toContain('TEMP object fx');
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

  it('every cell, while the user’s own transaction is open or may be; not once it aborted (its changes are gone)', () => {
    expect(userLaneReason(sql('SELECT 1'), lanes([], null, 'open'))).toBe(
      'your transaction (BEGIN) is open: only your connection sees its changes',
    );
    expect(userLaneReason(ts('await query("SELECT 1")'), lanes(['fx'], null, 'open'))).toContain('your transaction (BEGIN) is open');
    expect(userLaneReason(sql('SELECT 1'), lanes([], null, 'unknown'))).toContain('your transaction (BEGIN) may be open');
    expect(userLaneReason(sql('SELECT 1'), lanes([], null, 'aborted'))).toBeNull();
    expect(userLaneReason(sql('SELECT * FROM fx'), lanes(['fx'], null, 'aborted'))).toContain('TEMP object fx');
  });
});
