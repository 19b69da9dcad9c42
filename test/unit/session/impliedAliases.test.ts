/**
 * The alias DuckDB would give `FROM share.schema.table` (the table's own name), added by the rewrite
 * wherever the analyst wrote none and a FROM or JOIN item takes one, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { findSharedRefs, type KnownTable } from '../../../kernel/session/sharing/findSharedRefs';

const known: KnownTable[] = [
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'listings' },
  { profile: 'demo', share: 'demo', schema: 'gold', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'gold', table: 'order' },
];
const sql = (code: string) => findSharedRefs(code, known).sql;

describe('the alias added to a shared name', () => {
  it('is the table’s name as written, after plain, quoted and time-travel names and table_changes', () => {
    expect(sql('SELECT orders.amount FROM demo.silver.orders')).toBe('SELECT orders.amount FROM "demo.silver.orders" AS "orders"');
    expect(sql('SELECT * FROM "demo"."silver"."Orders" WHERE x')).toBe('SELECT * FROM "demo.silver.orders" AS "Orders" WHERE x');
    expect(sql('SELECT * FROM demo.silver.orders VERSION AS OF 2;')).toBe('SELECT * FROM "demo.silver.orders@v2" AS "orders";');
    expect(sql("SELECT * FROM demo.silver.orders TIMESTAMP AS OF '2026-01-01' ORDER BY 1")).toBe(
      'SELECT * FROM "demo.silver.orders@2026-01-01" AS "orders" ORDER BY 1',
    );
    expect(sql("SELECT orders._change_type FROM table_changes('demo.silver.orders', 1)")).toBe(
      'SELECT orders._change_type FROM "changes(demo.silver.orders,1)" AS "orders"',
    );
    // A keyword as a table's name is quoted, so it still binds.
    expect(sql('SELECT * FROM demo.gold.order')).toBe('SELECT * FROM "demo.gold.order" AS "order"');
  });

  it('goes on every item of a FROM list and of joins, before what follows the item', () => {
    expect(sql('SELECT 1 FROM demo.silver.orders, demo.silver.listings WHERE 1')).toBe(
      'SELECT 1 FROM "demo.silver.orders" AS "orders", "demo.silver.listings" AS "listings" WHERE 1',
    );
    expect(sql('FROM demo.silver.orders JOIN demo.silver.listings USING (id) SELECT 1')).toBe(
      'FROM "demo.silver.orders" AS "orders" JOIN "demo.silver.listings" AS "listings" USING (id) SELECT 1',
    );
    expect(sql('SELECT 1 FROM t LEFT JOIN demo.silver.orders ON t.a = orders.a, demo.silver.listings')).toBe(
      'SELECT 1 FROM t LEFT JOIN "demo.silver.orders" AS "orders" ON t.a = orders.a, "demo.silver.listings" AS "listings"',
    );
    expect(sql('SELECT 1 FROM demo.silver.orders USING SAMPLE 10')).toBe('SELECT 1 FROM "demo.silver.orders" AS "orders" USING SAMPLE 10');
    expect(sql("COPY (SELECT * FROM demo.silver.orders) TO 'x.csv'")).toBe(
      'COPY (SELECT * FROM "demo.silver.orders" AS "orders") TO \'x.csv\'',
    );
  });

  it('leaves an alias the analyst wrote alone', () => {
    expect(sql('SELECT o.a FROM demo.silver.orders o')).toBe('SELECT o.a FROM "demo.silver.orders" o');
    expect(sql('SELECT o.a FROM demo.silver.orders AS o')).toBe('SELECT o.a FROM "demo.silver.orders" AS o');
    expect(sql('SELECT * FROM demo.silver.orders VERSION AS OF 1 "v1"')).toBe('SELECT * FROM "demo.silver.orders@v1" "v1"');
  });

  it('is not added where no alias may stand', () => {
    for (const code of [
      'DESCRIBE demo.silver.orders',
      'SUMMARIZE demo.silver.orders',
      'INSERT INTO demo.silver.orders SELECT 1',
      'DELETE FROM demo.silver.orders',
      "COPY demo.silver.orders TO 'x.csv'",
      'PIVOT demo.silver.orders ON country USING sum(amount)',
      'SELECT * FROM query_table(demo.silver.orders)',
      'SELECT * FROM f(1, demo.silver.orders)',
      'SELECT a, demo.silver.orders FROM t',
      'SELECT * FROM t ORDER BY a, demo.silver.orders',
    ]) {
      expect(sql(code), code).not.toContain(' AS "');
    }
  });

  it('is left off two tables of one FROM list with the same name, but not off one per subquery or statement', () => {
    expect(sql('SELECT * FROM demo.silver.orders, demo.gold.orders')).toBe('SELECT * FROM "demo.silver.orders", "demo.gold.orders"');
    expect(sql('SELECT * FROM demo.silver.orders JOIN demo.silver.orders USING (id)')).toBe(
      'SELECT * FROM "demo.silver.orders" JOIN "demo.silver.orders" USING (id)',
    );
    expect(sql('SELECT * FROM demo.silver.orders o, demo.gold.orders')).toBe(
      'SELECT * FROM "demo.silver.orders" o, "demo.gold.orders" AS "orders"',
    );
    expect(sql('SELECT * FROM demo.silver.orders WHERE id IN (SELECT id FROM demo.gold.orders)')).toBe(
      'SELECT * FROM "demo.silver.orders" AS "orders" WHERE id IN (SELECT id FROM "demo.gold.orders" AS "orders")',
    );
    expect(sql('SELECT 1 FROM demo.silver.orders UNION SELECT 2 FROM demo.gold.orders; SELECT 3 FROM demo.silver.orders')).toBe(
      'SELECT 1 FROM "demo.silver.orders" AS "orders" UNION SELECT 2 FROM "demo.gold.orders" AS "orders"; SELECT 3 FROM "demo.silver.orders" AS "orders"',
    );
  });
});
