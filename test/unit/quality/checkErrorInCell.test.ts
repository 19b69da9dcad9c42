/**
 * DuckDB's errors about an expectation check, placed in the cell: real DuckDB runs Silt's check
 * queries over views named as the session names them, the target and conditions resolved together
 * (resolveCheck), and the error marks the condition or target as typed, or, for a rule the cell did
 * not write, says DuckDB's words without Silt's query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDERS_AND_LISTINGS, engineWithOrderViews } from '../../helpers/sharedViews';
import { parseExpectations } from '../../../common/quality/parseExpectations';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { SqlError } from '../../../kernel/engine/SqlError';
import { checkExpectations, RuleConditionError } from '../../../kernel/quality/checkExpectations';
import { checkErrorInCell } from '../../../kernel/session/quality/checkErrorInCell';
import { resolveCheck } from '../../../kernel/session/quality/resolveCheck';
import { findSharedRefs } from '../../../kernel/session/sharing/findSharedRefs';
import { spellingsOf } from '../../../kernel/session/sharing/inAnalystWords';

const known = DEMO_ORDERS_AND_LISTINGS;
let engine: DuckEngine;

beforeAll(async () => {
  engine = await engineWithOrderViews();
});
afterAll(async () => engine?.close());

/** The error the cell shows for `code`, checked as runChecks checks it; `fromFile` marks rules as from expectations.yml. */
async function checkError(code: string, fromFile = false): Promise<unknown> {
  const cell = parseExpectations(code);
  const rules = cell.rules.map((r) => (fromFile ? { ...r, line: 0, column: 0 } : r));
  const resolveMapped = async (sql: string) => findSharedRefs(sql, known);
  const read = await resolveCheck(
    resolveMapped,
    cell.target,
    rules.map((r) => r.condition),
  );
  const e = await checkExpectations(
    engine,
    cell.target,
    read.target.sql,
    rules,
    read.conditions.map((c) => c.sql),
  ).then(
    () => undefined,
    (err: unknown) => err,
  );
  const piece = (p: { sql: string; edits: never[] | ReturnType<typeof findSharedRefs>['edits'] }, at: number | undefined) => ({
    at,
    edits: p.edits,
    skip: 0,
    length: p.sql.length,
  });
  const edits = findSharedRefs(code.replace(/^EXPECT ON/, 'SELECT * FROM'), known).edits;
  return checkErrorInCell(
    e,
    code,
    piece(read.target, cell.targetAt),
    rules.map((r, i) => piece(read.conditions[i], r.line ? r.conditionAt : undefined)),
    spellingsOf(code, edits),
  );
}

describe('an expectation check DuckDB fails on', () => {
  it('marks the condition’s column past a shared name qualifying it, in the cell’s own text', async () => {
    const code = 'EXPECT ON demo.silver.orders VERSION AS OF 1\n  CONSTRAINT a EXPECT (demo.silver.orders.amout > 0)';
    const e = await checkError(code);
    expect(e).toBeInstanceOf(RuleConditionError);
    const err = e as RuleConditionError;
    expect(err.message).toBe(
      'Rule "a" (line 2) cannot be checked: Table "orders" does not have a column named "amout"\n\n' +
        'LINE 2:   CONSTRAINT a EXPECT (demo.silver.orders.amout > 0)\n' +
        `${' '.repeat('LINE 2:   CONSTRAINT a EXPECT ('.length)}^`,
    );
    expect([err.line, err.at?.column]).toEqual([2, 'LINE 2:   CONSTRAINT a EXPECT ('.length - 'LINE 2: '.length + 1]);
  });

  it('marks a value that fails at run time, after a rule that reads fine', async () => {
    const code = 'EXPECT ON demo.silver.orders CONSTRAINT ok EXPECT (order_id > 0),\n CONSTRAINT odd EXPECT (country::INTEGER > 0)';
    const e = await checkError(code);
    expect(e).toBeInstanceOf(SqlError);
    expect((e as SqlError).kind).toBe('Conversion Error');
    expect((e as SqlError).message.split('\n')[0]).toMatch(/^Rule "odd" \(line 2\) cannot be checked: Could not convert string 'FR'/);
    expect((e as SqlError).line).toBe(2);
  });

  it('says DuckDB’s words without Silt’s query for a rule from expectations.yml', async () => {
    const e = await checkError('EXPECT ON demo.silver.orders CONSTRAINT a EXPECT (amout > 0)', true);
    expect((e as Error).message).toBe(
      'Rule "a" (from expectations.yml) cannot be checked: Referenced column "amout" not found in FROM clause!\n' +
        'Candidate bindings: "amount_eur", "country"',
    );
    expect((e as RuleConditionError).at).toBeUndefined();
  });
});
