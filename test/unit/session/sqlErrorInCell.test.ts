/**
 * DuckDB's own errors about a cell whose shared names Silt rewrote, as the cell shows them: names as
 * the analyst wrote them and the caret, line and column on the analyst's text. Real DuckDB runs the
 * rewritten SQL over views named as the session names them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellError as cellErrorIn, DEMO_ORDERS_AND_LISTINGS, engineWithOrderViews } from '../../helpers/sharedViews';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { findSharedRefs } from '../../../kernel/session/sharing/findSharedRefs';
import { SqlError } from '../../../kernel/engine/SqlError';

const known = DEMO_ORDERS_AND_LISTINGS;
let engine: DuckEngine;

beforeAll(async () => {
  engine = await engineWithOrderViews();
});
afterAll(async () => engine?.close());

/** The error the cell shows for `code`, run as the session runs it. */
const cellError = (code: string): Promise<SqlError> => cellErrorIn(engine, code, known);

/** The text from where the caret points, read off the message's own LINE and caret lines. */
function pointedAt(message: string): string {
  const [lineText, caretLine] = message.split('\n').slice(-2);
  return lineText.slice(caretLine.indexOf('^'));
}

describe('a SQL error in a cell with shared names', () => {
  it('quotes the analyst’s spelling and puts the caret under the unknown column', async () => {
    const code = 'SELECT * FROM demo.silver.orders WHERE amout > 1';
    const e = await cellError(code);
    expect(e.message).toBe(
      'Referenced column "amout" not found in FROM clause!\nCandidate bindings: "amount_eur", "country"\n\n' +
        'LINE 1: SELECT * FROM demo.silver.orders WHERE amout > 1\n' +
        ' '.repeat('LINE 1: SELECT * FROM demo.silver.orders WHERE '.length) +
        '^',
    );
    expect([e.line, e.at?.column]).toEqual([1, code.indexOf('amout') + 1]);
  });

  it('places an error before the shared name, and one after a quoted name', async () => {
    for (const code of ['SELECT amout FROM demo.silver.orders', 'SELECT * FROM "demo"."silver"."orders" WHERE amout > 1']) {
      const e = await cellError(code);
      expect(e.at?.column, code).toBe(code.indexOf('amout') + 1);
      expect(pointedAt(e.message), code).toMatch(/^amout/);
      expect(e.message).not.toContain('"demo.silver.orders"');
    }
  });

  it('places it after several shared names and between them, on the right line of a multi-statement cell', async () => {
    const code = [
      'SELECT count(*) FROM demo.silver.listings;',
      'SELECT o.order_id',
      'FROM demo.silver.orders o JOIN demo.silver.listings l USING (order_id)',
      'WHERE l.amout > 1 AND o.order_id IN (SELECT order_id FROM demo.silver.orders)',
    ].join('\n');
    const e = await cellError(code);
    expect(e.line).toBe(4);
    expect(e.at?.column).toBe('WHERE '.length + 1);
    expect(e.message).toContain('\n\nLINE 4: WHERE l.amout');
    expect(pointedAt(e.message)).toMatch(/^l\.amout/);
  });

  it('names the analyst’s table in DuckDB’s candidates, never the view Silt made', async () => {
    const e = await cellError('SELECT * FROM demo.silver.orders VERSION AS OF 1 WHERE ordrs.amount_eur > 1');
    expect(e.message).toMatch(/^Referenced table "ordrs" not found!\nCandidate tables: demo\.silver\.orders VERSION AS OF 1\n/);
    expect(e.message).not.toContain('@v1');
    const quoted = await cellError('SELECT * FROM "demo"."silver"."orders" WHERE ordrs.amount_eur > 1');
    expect(quoted.message).toMatch(/Candidate tables: "demo"\."silver"\."orders"\n/);
  });

  it('places the caret exactly in a long line DuckDB cuts, and after wide characters', async () => {
    const long = `SELECT ${'order_id, '.repeat(12)}amout FROM demo.silver.orders WHERE country = 'FR'`;
    const e = await cellError(long);
    expect(e.at?.column).toBe(long.indexOf('amout') + 1);
    expect(e.message).toMatch(/LINE 1: \.\.\./);
    expect(pointedAt(e.message)).toMatch(/^amout/);
    const wide = "SELECT '東京' AS city, amout FROM demo.silver.orders";
    const w = await cellError(wide);
    expect(w.at?.column).toBe(wide.indexOf('amout') + 1);
  });

  it('calls the shared table behind an alias a table, not DuckDB’s "Values list", and leaves a real values list alone', async () => {
    const e = await cellError('SELECT o.amout FROM demo.silver.orders AS o');
    expect(e.message.split('\n')[0]).toBe('Table "o" does not have a column named "amout"');
    const v = await cellError('SELECT v.amout FROM demo.silver.orders o, (SELECT 1 AS a) v');
    expect(v.message.split('\n')[0]).toBe('Values list "v" does not have a column named "amout"');
  });
});

describe('a shared table qualified by its own name (the alias DuckDB would give it)', () => {
  it('reads orders.column and "orders".column, on plain and time-travel names', async () => {
    for (const code of [
      'SELECT orders.amount_eur, "orders".country FROM demo.silver.orders',
      'SELECT ORDERS.amount_eur, orders.country FROM demo.silver.orders VERSION AS OF 1 WHERE orders.order_id = 1',
    ]) {
      const { sql } = findSharedRefs(code, known);
      expect(await engine.query(sql), code).toEqual([{ amount_eur: 2.5, country: 'FR' }]);
    }
  });

  it('says the table has no such column and marks it, and lists the table as written for a misspelt qualifier', async () => {
    const code = 'SELECT orders.order_id,\n  orders.amout FROM demo.silver.orders';
    const e = await cellError(code);
    expect(e.message.split('\n')[0]).toBe('Table "orders" does not have a column named "amout"');
    expect([e.line, e.at?.column]).toEqual([2, 3]);
    expect(pointedAt(e.message)).toMatch(/^orders\.amout/);
    const typo = await cellError('SELECT ordrs.amount_eur FROM demo.silver.orders VERSION AS OF 1');
    expect(typo.message.split('\n').slice(0, 2)).toEqual([
      'Referenced table "ordrs" not found!',
      'Candidate tables: demo.silver.orders VERSION AS OF 1',
    ]);
    expect(typo.at?.column).toBe('SELECT '.length + 1);
  });
});
