/**
 * What an analyst asks while a long cell runs: completions (SQL names, TypeScript types of named
 * results) and the variables panel. They used to read DuckDB's catalog on the running cell's
 * connection and so waited for the whole query (10 s for a 10 s query). They now answer while it
 * runs, TEMP tables included. Real session, real DuckDB; "while it runs" is proven by order, not time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariableInfo } from '../../../kernel/protocol/variables';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;
/** A cell that runs for minutes unless interrupted. */
const LONG = 'SELECT count(*) FROM range(100000000000) t WHERE t.range % 7 = 3';

beforeAll(async () => {
  s = await inProcessSession('silt-catalog-during-run-');
  expect((await s.exec('sql', "SELECT 7 AS order_id, 'Lyon' AS city", 'small')).status).toBe('ok');
  expect((await s.exec('sql', 'CREATE TEMP TABLE scratch AS SELECT 42 AS answer')).status).toBe('ok');
  // Typing between runs: the catalog is read on the user's connection, TEMP tables and all.
  expect((await s.session.names()).map((n) => n.name)).toEqual(expect.arrayContaining(['small', 'scratch', 'answer']));
  // The variables panel, open, refreshes after each run the same way.
  expect(((await sessionHandlers['session.variables'](s.session, {} as never)).variables as VariableInfo[]).map((v) => v.name)).toContain(
    'scratch',
  );
});
afterAll(() => s?.close());

describe('while a long cell runs', () => {
  it('completions, TypeScript checks and the variables panel answer before it ends, with TEMP tables', async () => {
    let ended = false;
    const long = s.exec('sql', LONG).finally(() => (ended = true));
    await expect.poll(() => s.session.engine.userLaneBusy()).toBe(true);

    const names = await s.session.names();
    const diagnostics = await s.session.types.diagnostics(
      [],
      'const n: number = small.shape[0];\nconst c: string = small["city"].values[0];',
    );
    const variables = (await sessionHandlers['session.variables'](s.session, {} as never)).variables as VariableInfo[];
    expect(ended).toBe(false);

    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'small', kind: 'table' }),
        expect.objectContaining({ name: 'city', kind: 'column', table: 'small' }),
        expect.objectContaining({ name: 'scratch', kind: 'table' }),
        expect.objectContaining({ name: 'answer', kind: 'column', table: 'scratch' }),
      ]),
    );
    expect(diagnostics).toEqual([]);
    // The named result is measured on another connection; the TEMP table, which only the busy
    // connection sees, keeps its last measure (taken when the panel listed it before the run), marked so.
    expect(variables.find((v) => v.name === 'small')).toMatchObject({ kind: 'sql-result', rows: 1, columns: 2 });
    expect(variables.find((v) => v.name === 'small')?.measure).toBeUndefined();
    const scratch = variables.find((v) => v.name === 'scratch');
    expect(scratch).toMatchObject({ kind: 'sql-table', columns: 1, rows: 1, measure: 'last-known' });
    expect(scratch?.bytes).toBeGreaterThan(0);
    expect(scratch?.measuredAt).toBeLessThanOrEqual(Date.now());

    s.session.interrupt();
    expect((await long).status).toBe('interrupted');
    // Idle again: the TEMP table is measured as before.
    const after = (await sessionHandlers['session.variables'](s.session, {} as never)).variables as VariableInfo[];
    expect(after.find((v) => v.name === 'scratch')).toMatchObject({ rows: 1 });
    expect(after.find((v) => v.name === 'scratch')?.measure).toBeUndefined();
  });

  it('knows a TEMP table made just before the long cell, though nothing asked in between', async () => {
    expect((await s.exec('sql', 'CREATE TEMP TABLE just_made AS SELECT 1 AS fresh_col')).status).toBe('ok');
    let ended = false;
    const long = s.exec('sql', LONG).finally(() => (ended = true));
    await expect.poll(() => s.session.engine.userLaneBusy()).toBe(true);
    const names = await s.session.names();
    expect(ended).toBe(false);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'just_made', kind: 'table' }),
        expect.objectContaining({ name: 'fresh_col', kind: 'column', table: 'just_made' }),
      ]),
    );
    s.session.interrupt();
    expect((await long).status).toBe('interrupted');
  });
});
