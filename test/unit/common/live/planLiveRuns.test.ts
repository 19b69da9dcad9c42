import { describe, expect, it } from 'vitest';
import { planLiveRuns, type LiveCell } from '../../../../common/live/planLiveRuns';
import { sqlNames } from '../../../../common/live/sqlNames';
import { tsNames } from '../../../../common/live/tsNames';

const sql = (id: string, code: string, name?: string, live?: LiveCell['live']): LiveCell => ({
  id,
  language: 'sql',
  code,
  ...(name ? { name } : {}),
  ...(live ? { live } : {}),
});
const ts = (id: string, code: string, live?: LiveCell['live']): LiveCell => ({
  id,
  language: 'typescript',
  code,
  ...(live ? { live } : {}),
});

describe('sqlNames', () => {
  it('finds tables after FROM and JOIN, comma lists, aliases, table_changes and CREATE', () => {
    const n = sqlNames(
      `CREATE OR REPLACE TABLE top AS
       SELECT * FROM demo.gold.daily_sales d, "weird name" w JOIN orders AS o ON d.day = o.day
       WHERE x IN (SELECT y FROM sub) UNION ALL SELECT * FROM table_changes('demo.silver.orders', 2) -- FROM commented
       UNION ALL SELECT * FROM read_parquet('x.parquet')`,
      'result',
    );
    expect(n.uses.sort()).toEqual(['demo.gold.daily_sales', 'demo.silver.orders', 'orders', 'sub', 'weird name']);
    expect(n.defines.sort()).toEqual(['result', 'top']);
  });

  it('a version pinned by VERSION or TIMESTAMP AS OF is not followed; the same table read as it is now is', () => {
    expect(sqlNames('SELECT * FROM demo.silver.orders VERSION AS OF 1 o JOIN t ON o.id = t.id').uses).toEqual(['t']);
    expect(sqlNames("SELECT * FROM demo.silver.orders TIMESTAMP AS OF '2026-01-01' AS o, t").uses).toEqual(['t']);
    const both = sqlNames('SELECT * FROM demo.silver.orders now JOIN demo.silver.orders VERSION AS OF 1 AS v1 ON now.id = v1.id');
    expect(both.uses).toEqual(['demo.silver.orders']);
    expect(planLiveRuns([sql('pinned', 'SELECT count(*) FROM demo.silver.orders VERSION AS OF 99')], ['demo.silver.orders'])).toEqual([]);
  });

  it('a change feed with an ending bound is pinned and not followed; one with only a starting bound is', () => {
    expect(sqlNames("SELECT * FROM table_changes('demo.silver.orders', 2, 5) c JOIN t ON c.id = t.id").uses).toEqual(['t']);
    expect(sqlNames("SELECT * FROM table_changes('demo.silver.orders', '2026-01-01', '2026-02-01')").uses).toEqual([]);
    expect(sqlNames("SELECT * FROM table_changes('demo.silver.orders', 2)").uses).toEqual(['demo.silver.orders']);
    expect(sqlNames("SELECT * FROM table_changes('demo.silver.orders', '2026-01-01')").uses).toEqual(['demo.silver.orders']);
    const cells = [
      sql('pinned', "SELECT count(*) FROM table_changes('demo.silver.orders', 2, 5)"),
      sql('open', "SELECT count(*) FROM table_changes('demo.silver.orders', 2)"),
    ];
    expect(planLiveRuns(cells, ['demo.silver.orders'])).toEqual(['open']);
  });

  it('ignores names in strings', () => {
    expect(sqlNames(`SELECT 'FROM demo.gold.x' AS s FROM t`).uses).toEqual(['t']);
  });

  it('an expectation cell uses its target and the tables its rules read', () => {
    const n = sqlNames(
      `EXPECT ON demo.silver.orders
         CONSTRAINT has_id EXPECT (order_id IS NOT NULL) ON VIOLATION FAIL UPDATE,
         CONSTRAINT known_make EXPECT (make IN (SELECT make FROM makes))`,
    );
    expect(n.uses.sort()).toEqual(['demo.silver.orders', 'makes']);
    // Not at the start, EXPECT ON is nothing special.
    expect(sqlNames(`SELECT 'EXPECT ON x' AS s FROM t`).uses).toEqual(['t']);
  });
});

describe('tsNames', () => {
  it('top-level declarations are defined; free identifiers and SQL in strings are used', () => {
    const n = tsNames(`import { x as y } from 'lib'
const { a, b: [c] } = orders.groupby(['make'])
function f(p: number) { return p + total }
class K {}
await register('by_make', a)
const q = await sql\`SELECT * FROM demo.gold.daily_sales WHERE day > \${c}\`
const r = sharing.load('demo.silver.listings')
obj.prop + y`);
    expect(n.defines.sort()).toEqual(['K', 'a', 'by_make', 'c', 'f', 'q', 'r', 'y'].sort());
    expect(n.uses).toEqual(expect.arrayContaining(['orders', 'total', 'sharing', 'obj', 'demo.gold.daily_sales', 'demo.silver.listings']));
    expect(n.uses).not.toContain('prop');
    expect(n.uses).not.toContain('groupby');
  });

  it('the table a cell subscribes to is not a use (a re-run would subscribe again)', () => {
    expect(tsNames(`sharing.subscribe('demo.gold.daily_sales', (rows) => console.log(rows))`).uses).not.toContain('demo.gold.daily_sales');
  });

  it('sql`…` over a change feed follows the table only without an ending bound, as a SQL cell does', () => {
    expect(tsNames("const c = await sql`SELECT * FROM table_changes('demo.silver.orders', ${from}, ${to})`").uses).not.toContain(
      'demo.silver.orders',
    );
    expect(tsNames("const c = await sql`SELECT * FROM table_changes('demo.silver.orders', 2, 5)`").uses).not.toContain(
      'demo.silver.orders',
    );
    expect(tsNames("const c = await sql`SELECT * FROM table_changes('demo.silver.orders', ${from})`").uses).toContain('demo.silver.orders');
    expect(tsNames('const c = await sql`SELECT * FROM demo.silver.orders VERSION AS OF 3`').uses).not.toContain('demo.silver.orders');
  });

  it('a cell that does not parse uses and defines nothing', () => {
    expect(tsNames('const = ;')).toEqual({ defines: [], uses: [] });
  });
});

describe('planLiveRuns', () => {
  const cells = [
    sql('a', 'SELECT * FROM demo.gold.daily_sales', 'sales'),
    ts('b', 'const top = sales.head(5)'),
    sql('c', 'SELECT 1 AS unrelated'),
    ts('d', 'display(top)'),
    sql('e', 'SELECT * FROM demo.silver.orders'),
    sql('f', 'SELECT count(*) FROM sales'),
  ];

  it('follows SQL results and TypeScript variables transitively, in notebook order', () => {
    expect(planLiveRuns(cells, ['demo.gold.daily_sales'])).toEqual(['a', 'b', 'd', 'f']);
    expect(planLiveRuns(cells, ['demo.silver.orders'])).toEqual(['e']);
    expect(planLiveRuns(cells, ['demo.silver.orders', 'demo.gold.daily_sales'])).toEqual(['a', 'b', 'd', 'e', 'f']);
  });

  it('matches names case-insensitively and with a profile in front', () => {
    const c = [sql('p', 'SELECT * FROM myprofile.Demo.Gold.Daily_Sales'), sql('q', 'SELECT * FROM demo.gold.other')];
    expect(planLiveRuns(c, ['demo.gold.daily_sales'])).toEqual(['p']);
  });

  it('a manual cell does not re-run and does not pass the change on', () => {
    const manual = cells.map((c) => (c.id === 'b' ? { ...c, live: 'manual' as const } : c));
    expect(planLiveRuns(manual, ['demo.gold.daily_sales'])).toEqual(['a', 'f']);
  });

  it('a cell above the one defining a name does not depend on it', () => {
    const c = [ts('x', 'console.log(later)'), sql('y', 'SELECT * FROM demo.gold.daily_sales', 'later'), ts('z', 'later.shape')];
    expect(planLiveRuns(c, ['demo.gold.daily_sales'])).toEqual(['y', 'z']);
  });

  it('nothing re-runs for a table no cell names', () => {
    expect(planLiveRuns(cells, ['demo.bronze.events'])).toEqual([]);
  });
});
