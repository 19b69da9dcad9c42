/**
 * A SQL cell that reads the demo share's tables through the real Delta Sharing server on 127.0.0.1
 * and fails in DuckDB: the error the cell shows quotes the names as the analyst wrote them, and its
 * caret, line and column mark the analyst's text, not the rewritten SQL DuckDB ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../kernel/session/Session';
import { startDemoSession, type DemoSession } from '../../helpers/demoSession';

let demo: DemoSession;
let session: Session;
let run = 0;

beforeAll(async () => {
  demo = await startDemoSession('silt-sharedname-errors-');
  ({ session } = demo);
});
afterAll(() => demo?.close());

const errorOf = (code: string) => demo.errorOf('sql', code);

describe('a failing SQL cell over demo.silver.orders', () => {
  it('shows the missing column with the analyst’s table name and the caret under "amout"', async () => {
    const code = "SELECT order_date, amout\nFROM demo.silver.orders\nWHERE country = 'FR'";
    const e = await errorOf(code);
    expect(e.ename).toBe('Binder Error');
    expect(e.message).toBe(
      'Referenced column "amout" not found in FROM clause!\n' +
        'Candidate bindings: "amount_eur", "country", "model", "status", "order_date"\n\n' +
        'LINE 1: SELECT order_date, amout\n' +
        '                           ^',
    );
    expect([e.line, e.column]).toEqual([1, 20]);
  });

  it('marks the column after a name written in quotes, in the second statement of the cell', async () => {
    const code = 'SELECT count(*) FROM demo.silver.listings;\nSELECT * FROM "demo"."silver"."orders" WHERE amout > 100';
    const e = await errorOf(code);
    expect(e.message).toBe(
      'Referenced column "amout" not found in FROM clause!\n' +
        'Candidate bindings: "amount_eur", "country", "model", "status", "order_date"\n\n' +
        'LINE 2: SELECT * FROM "demo"."silver"."orders" WHERE amout > 100\n' +
        `${' '.repeat('LINE 2: SELECT * FROM "demo"."silver"."orders" WHERE '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([2, 46]);
  });

  it('names the analyst’s spelling among DuckDB’s candidate tables, with two shared tables in the statement', async () => {
    const code = 'SELECT o.order_id FROM demo.silver.orders o, Demo.Silver.Listings l WHERE ordrs.amount_eur > 1';
    const e = await errorOf(code);
    expect(e.message.split('\n')[0]).toBe('Referenced table "ordrs" not found!');
    expect(e.column).toBe(code.indexOf('ordrs') + 1);
    // Unaliased, the tables bind as `orders` and `Listings`, as DuckDB binds `FROM a.b.orders`; it lists
    // the bindings close to the misspelt one, each named here as the analyst wrote it.
    const bare = await errorOf('SELECT * FROM demo.silver.orders, Demo.Silver.Listings WHERE ordrs.amount_eur > 1');
    expect(bare.message.split('\n')[1]).toBe('Candidate tables: demo.silver.orders');
    const other = await errorOf('SELECT * FROM demo.silver.orders, Demo.Silver.Listings WHERE listngs.amount_eur > 1');
    expect(other.message.split('\n')[1]).toBe('Candidate tables: Demo.Silver.Listings');
    const travel = await errorOf('SELECT * FROM demo.silver.orders VERSION AS OF 1 WHERE ordrs.amount_eur > 1');
    expect(travel.message.split('\n')[1]).toBe('Candidate tables: demo.silver.orders VERSION AS OF 1');
  });
});

describe('a column missing from an aliased shared table', () => {
  it('says the table has no such column (DuckDB says "Values list") and marks the column', async () => {
    const code = 'SELECT o.order_id, o.amout FROM demo.silver.orders o';
    const e = await errorOf(code);
    expect(e.message).toBe(
      'Table "o" does not have a column named "amout"\n\n' +
        'LINE 1: SELECT o.order_id, o.amout FROM demo.silver.orders o\n' +
        `${' '.repeat('LINE 1: SELECT o.order_id, '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([1, code.indexOf('o.amout') + 1]);
  });
});

describe('DuckDB’s "Did you mean"', () => {
  it('suggests a shared table as the analyst wrote it in an earlier cell, and never one of Silt’s own tables', async () => {
    await session.execute({ runId: 'earlier', language: 'sql', code: 'SELECT count(*) FROM demo.silver.orders VERSION AS OF 1' });
    const e = await errorOf('SELECT * FROM orders');
    expect(e.message.split('\n').slice(0, 2)).toEqual([
      'Table with name orders does not exist!',
      'Did you mean demo.silver.orders VERSION AS OF 1?',
    ]);
    // The earlier cell's anonymous result is a table of Silt's, close to what was typed.
    const internal = await errorOf('SELECT * FROM __silt_resul');
    expect(internal.message).toBe(
      'Table with name __silt_resul does not exist!\n\nLINE 1: SELECT * FROM __silt_resul\n                      ^',
    );
  });
});

describe('a shared table qualified by its own name, as DuckDB allows after FROM a.b.orders', () => {
  async function rowsOf(code: string): Promise<{ columns: string[]; rows: unknown[][] }> {
    const r = await session.execute({ runId: `r${++run}`, language: 'sql', code });
    const t = r.outputs.find((o) => o.kind === 'table');
    const err = r.outputs.find((o) => o.kind === 'error');
    expect(err && err.kind === 'error' ? err.message : undefined, code).toBeUndefined();
    if (t?.kind !== 'table') throw new Error(`no table for ${code}`);
    return { columns: t.columns.map((c) => c.name), rows: t.rows };
  }

  it('reads orders.column, "orders".column, in joins, after time travel and a change feed', async () => {
    const plain = await rowsOf(
      'SELECT orders.order_id, "orders".status FROM demo.silver.orders WHERE orders.status = \'delivered\' ORDER BY orders.order_id LIMIT 2',
    );
    expect(plain.columns).toEqual(['order_id', 'status']);
    expect(plain.rows.map((r) => r[1])).toEqual(['delivered', 'delivered']);
    const joined = await rowsOf(
      'SELECT count(*) > 0 AS matched FROM demo.silver.orders JOIN demo.gold.daily_sales ON orders.region = daily_sales.region',
    );
    expect(joined.rows).toEqual([[true]]);
    const travel = await rowsOf('SELECT count(orders.order_id) > 0 AS some FROM demo.silver.orders VERSION AS OF 1');
    expect(travel.rows).toEqual([[true]]);
    const feed = await rowsOf("SELECT DISTINCT orders._change_type FROM table_changes('demo.silver.orders', 0) ORDER BY 1");
    expect(feed.rows.flat()).toContain('insert');
  });

  it('leaves DESCRIBE, SUMMARIZE, INSERT … SELECT and an explicit alias working', async () => {
    expect((await rowsOf('DESCRIBE demo.silver.orders')).rows.map((r) => r[0])).toContain('amount_eur');
    expect((await rowsOf('SUMMARIZE demo.silver.orders')).rows.length).toBeGreaterThan(3);
    await rowsOf('CREATE TABLE kept AS SELECT order_id FROM demo.silver.orders LIMIT 0');
    await rowsOf('INSERT INTO kept SELECT orders.order_id FROM demo.silver.orders LIMIT 2');
    expect((await rowsOf('SELECT count(*)::INTEGER AS n FROM kept')).rows).toEqual([[2]]);
    expect((await rowsOf('SELECT o.order_id FROM demo.silver.orders AS o LIMIT 1')).columns).toEqual(['order_id']);
  });

  it('says the table lacks a misspelt column, with the caret on it', async () => {
    const code = 'SELECT orders.order_id, orders.amout\nFROM demo.silver.orders';
    const e = await errorOf(code);
    expect(e.message).toBe(
      'Table "orders" does not have a column named "amout"\n\n' +
        'LINE 1: SELECT orders.order_id, orders.amout\n' +
        `${' '.repeat('LINE 1: SELECT orders.order_id, '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([1, code.indexOf('orders.amout') + 1]);
  });
});

describe('a column qualified by the shared table’s full or partial name', () => {
  async function rowsOf(code: string): Promise<unknown[][]> {
    const r = await session.execute({ runId: `r${++run}`, language: 'sql', code });
    const err = r.outputs.find((o) => o.kind === 'error');
    expect(err && err.kind === 'error' ? err.message : undefined, code).toBeUndefined();
    const t = r.outputs.find((o) => o.kind === 'table');
    if (t?.kind !== 'table') throw new Error(`no table for ${code}`);
    return t.rows;
  }

  it('reads the rows of the table the qualifier names, however it is spelt', async () => {
    const [expected] = await rowsOf(
      "SELECT order_id, amount_eur FROM demo.silver.orders WHERE status = 'delivered' ORDER BY order_id LIMIT 1",
    );
    const spellings = [
      "SELECT demo.silver.orders.order_id, demo.silver.orders.amount_eur FROM demo.silver.orders WHERE demo.silver.orders.status = 'delivered' ORDER BY 1 LIMIT 1",
      'SELECT silver.orders.order_id, "Silver"."Orders".amount_eur FROM demo.silver.orders AS o WHERE silver.orders.status = \'delivered\' ORDER BY 1 LIMIT 1',
    ];
    for (const code of spellings) expect((await rowsOf(code))[0], code).toEqual(expected);
    const whole = "FROM demo.silver.orders WHERE status = 'delivered' ORDER BY order_id LIMIT 1";
    expect(await rowsOf(`SELECT Demo.Silver.Orders.* ${whole}`)).toEqual(await rowsOf(`SELECT * ${whole}`));
    // After time travel, beside a second shared table: the same rows as with aliases the analyst wrote.
    const join = (select: string, o = '', d = '') =>
      `SELECT ${select} AS n FROM demo.silver.orders VERSION AS OF 1 ${o} JOIN demo.gold.daily_sales ${d} ON `;
    const qualified = await rowsOf(join('count(silver.orders.order_id)') + 'demo.silver.orders.region = gold.daily_sales.region');
    expect(qualified).toEqual(await rowsOf(join('count(o.order_id)', 'o', 'd') + 'o.region = d.region'));
    expect(Number(qualified[0][0])).toBeGreaterThan(0);
  });

  it('refuses a qualifier two tables of the FROM answer to, naming them as written and marking it', async () => {
    const code = 'SELECT order_id,\n  demo.silver.orders.amount_eur\nFROM demo.silver.orders, demo.silver.orders VERSION AS OF 1';
    const e = await errorOf(code);
    expect(e.ename).toBe('Shared name error');
    expect(e.message).toBe(
      'demo.silver.orders.amount_eur could mean a column of demo.silver.orders or demo.silver.orders VERSION AS OF 1: ' +
        'give the one you mean an alias (FROM demo.silver.orders AS t) and qualify the column with it (t.amount_eur).\n\n' +
        'LINE 2:   demo.silver.orders.amount_eur\n' +
        `${' '.repeat('LINE 2:   '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it('marks a misspelt column after the qualifier, on the analyst’s line and column', async () => {
    const code = 'SELECT order_id,\n       demo.silver.orders.amout\nFROM demo.silver.orders';
    const e = await errorOf(code);
    expect(e.message).toBe(
      'Table "orders" does not have a column named "amout"\n\n' +
        'LINE 2:        demo.silver.orders.amout\n' +
        `${' '.repeat('LINE 2:        '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([2, 8]);
  });
});
