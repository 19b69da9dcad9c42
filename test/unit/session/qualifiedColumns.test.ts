/**
 * Columns qualified by a shared table's full or partial name (`demo.silver.orders.amount`,
 * `silver.orders.amount`, `demo.silver.orders.*`), as DuckDB allows for its own catalog.schema.table:
 * the rewritten cell runs on real DuckDB over views named as the session names them and reads the
 * right table's rows; its errors mark the analyst's text; a qualifier two tables answer to is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellError as cellErrorIn } from '../../helpers/sharedViews';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { SqlError } from '../../../kernel/engine/SqlError';
import { quoteIdent } from '../../../common/sqlQuote';
import { findSharedRefs, SharedRefError, type KnownTable } from '../../../kernel/session/sharing/findSharedRefs';

const known: KnownTable[] = [
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'gold', table: 'orders' },
  { profile: 'acme', share: 'acme.prod', schema: 'silver', table: 'orders' },
];
let engine: DuckEngine;

beforeAll(async () => {
  engine = await DuckEngine.create();
  // Each view tells which table a row came from.
  const views: [string, number][] = [
    ['demo.silver.orders', 10],
    ['demo.silver.orders@v1', 1],
    ['demo.gold.orders', 20],
    ['acme.prod.silver.orders', 30],
    ['changes(demo.silver.orders,0)', 40],
  ];
  for (const [view, amount] of views) {
    await engine.execute(`CREATE VIEW ${quoteIdent(view)} AS SELECT 7 AS order_id, ${amount} AS amount, 'insert' AS _change_type`);
  }
});
afterAll(async () => engine?.close());

const rowsOf = async (code: string) => engine.query(findSharedRefs(code, known).sql);

const cellError = (code: string): Promise<SqlError> => cellErrorIn(engine, code, known);

describe('a column qualified by its shared table’s name', () => {
  it('reads share.schema.table.column and schema.table.column, quoted or in any case, and the star', async () => {
    expect(await rowsOf('SELECT demo.silver.orders.amount FROM demo.silver.orders')).toEqual([{ amount: 10 }]);
    expect(await rowsOf('SELECT silver.orders.amount FROM demo.silver.orders')).toEqual([{ amount: 10 }]);
    expect(await rowsOf('SELECT "demo"."Silver".ORDERS."amount" AS a FROM "demo"."silver"."orders"')).toEqual([{ a: 10 }]);
    expect(await rowsOf('SELECT demo.silver.orders.* FROM demo.silver.orders')).toEqual([
      { order_id: 7, amount: 10, _change_type: 'insert' },
    ]);
    expect(await rowsOf('SELECT silver.orders.* EXCLUDE (_change_type) FROM demo.silver.orders')).toEqual([{ order_id: 7, amount: 10 }]);
  });

  it('rewrites the qualifier to the binding of its table: the analyst’s alias, the implied one, or the view, and nothing else', () => {
    const sql = (code: string) => findSharedRefs(code, known).sql;
    expect(sql('SELECT demo.silver.orders.amount FROM demo.silver.orders')).toBe(
      'SELECT "orders".amount FROM "demo.silver.orders" AS "orders"',
    );
    expect(sql('SELECT silver.orders.amount FROM demo.silver.orders AS "O"')).toBe('SELECT "O".amount FROM "demo.silver.orders" AS "O"');
    expect(sql('SELECT silver.orders.amount FROM demo.silver.orders, demo.gold.orders')).toBe(
      'SELECT "demo.silver.orders".amount FROM "demo.silver.orders", "demo.gold.orders"',
    );
    // Strings, comments and a name no table read in its FROM list answers to stay as written.
    const code =
      "SELECT 'demo.silver.orders.amount' AS s /* silver.orders.amount */ FROM demo.gold.orders -- demo.silver.orders.amount\n" +
      'WHERE demo.silver.orders.amount > (SELECT 1 FROM demo.silver.orders)';
    expect(findSharedRefs(code, known).sql).toBe(
      'SELECT \'demo.silver.orders.amount\' AS s /* silver.orders.amount */ FROM "demo.gold.orders" AS "orders" -- demo.silver.orders.amount\n' +
        'WHERE demo.silver.orders.amount > (SELECT 1 FROM "demo.silver.orders" AS "orders")',
    );
  });

  it('tells two shared tables of the same name apart by schema, share or profile', async () => {
    expect(
      await rowsOf(
        'SELECT silver.orders.amount AS s, gold.orders.amount AS g FROM demo.silver.orders JOIN demo.gold.orders USING (order_id)',
      ),
    ).toEqual([{ s: 10, g: 20 }]);
    expect(
      await rowsOf(
        'SELECT demo.silver.orders.amount AS d, "acme.prod".silver.orders.amount AS a FROM demo.silver.orders o, "acme.prod".silver.orders p',
      ),
    ).toEqual([{ d: 10, a: 30 }]);
    expect(await rowsOf('SELECT acme.acme.prod.silver.orders.amount AS a FROM demo.gold.orders, acme.prod.silver.orders')).toEqual([
      { a: 30 },
    ]);
  });

  it('reads the time-travel and change-feed tables, in ON, WHERE, a subquery and a function', async () => {
    expect(
      await rowsOf(
        'SELECT max(demo.silver.orders.amount) AS m FROM demo.silver.orders VERSION AS OF 1 JOIN demo.gold.orders g ' +
          'ON demo.silver.orders.order_id = g.order_id WHERE silver.orders.amount IN (SELECT silver.orders.amount)',
      ),
    ).toEqual([{ m: 1 }]);
    expect(await rowsOf("SELECT demo.silver.orders._change_type AS t FROM table_changes('demo.silver.orders', 0)")).toEqual([
      { t: 'insert' },
    ]);
  });

  it('refuses, with a coded error, a qualifier two tables read there answer to', () => {
    const refusal = (code: string) => {
      try {
        findSharedRefs(code, known);
      } catch (e) {
        expect(e).toBeInstanceOf(SharedRefError);
        expect((e as SharedRefError).code).toBe('bad-request');
        return (e as Error).message;
      }
      throw new Error(`not refused: ${code}`);
    };
    expect(refusal('SELECT demo.silver.orders.amount FROM demo.silver.orders a JOIN demo.silver.orders b USING (order_id)')).toBe(
      'demo.silver.orders.amount could mean a column of demo.silver.orders a or demo.silver.orders b: ' +
        'qualify the column with the alias of the one you mean (a.amount or b.amount).',
    );
    expect(refusal('SELECT silver.orders.* FROM demo.silver.orders, "acme.prod".silver.orders AS x')).toBe(
      'silver.orders.* could mean a column of demo.silver.orders or "acme.prod".silver.orders AS x: ' +
        'give the one you mean an alias (FROM demo.silver.orders AS t) and qualify the column with it (t.*).',
    );
    expect(refusal('SELECT demo.silver.orders.amount FROM demo.silver.orders, demo.silver.orders VERSION AS OF 1')).toMatch(
      /^demo\.silver\.orders\.amount could mean a column of demo\.silver\.orders or demo\.silver\.orders VERSION AS OF 1: /,
    );
  });

  it('marks a misspelt column after the qualifier where the analyst typed it', async () => {
    const code = 'SELECT order_id,\n  demo.silver.orders.amout FROM demo.silver.orders';
    const e = await cellError(code);
    expect(e.message).toBe(
      'Table "orders" does not have a column named "amout"\n\n' +
        'LINE 2:   demo.silver.orders.amout FROM demo.silver.orders\n' +
        ' '.repeat(10) +
        '^',
    );
    expect([e.line, e.at?.column]).toEqual([2, 3]);
    const after = 'SELECT silver.orders.amount, nope FROM demo.silver.orders';
    expect((await cellError(after)).at?.column).toBe(after.indexOf('nope') + 1);
  });
});
