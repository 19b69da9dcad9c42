import { describe, expect, it } from 'vitest';
import { findSharedRefs, SharedRefError, type KnownTable } from '../../../kernel/session/sharing/findSharedRefs';

const known: KnownTable[] = [
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'gold', table: 'daily_sales' },
  { profile: 'acme', share: 'acme.prod', schema: 'gold', table: 'orders' },
  { profile: 'p1', share: 'twin', schema: 's', table: 't' },
  { profile: 'p2', share: 'twin', schema: 's', table: 't' },
];

describe('findSharedRefs', () => {
  it('rewrites share.schema.table to a view, case-insensitively, leaving other names alone', () => {
    const r = findSharedRefs('SELECT o.id FROM Demo.Silver.Orders o JOIN local_table l USING (id) JOIN main.x.y USING (id)', known);
    expect(r.sql).toBe('SELECT o.id FROM "demo.silver.orders" o JOIN local_table l USING (id) JOIN main.x.y USING (id)');
    expect(r.refs).toEqual([{ view: 'demo.silver.orders', table: known[0] }]);
  });

  it('ignores names inside strings and comments', () => {
    const sql = "SELECT 'demo.silver.orders' AS s -- demo.silver.orders\nFROM range(1)";
    expect(findSharedRefs(sql, known)).toEqual({ sql, refs: [], edits: [] });
  });

  it('reads time travel in the Delta SQL forms', () => {
    const r = findSharedRefs(
      "SELECT * FROM demo.silver.orders VERSION AS OF 3 a, demo.gold.daily_sales TIMESTAMP AS OF '2026-01-02T00:00:00Z' b",
      known,
    );
    expect(r.sql).toBe('SELECT * FROM "demo.silver.orders@v3" a, "demo.gold.daily_sales@2026-01-02T00:00:00Z" b');
    expect(r.refs.map((x) => [x.view, x.version, x.timestamp])).toEqual([
      ['demo.silver.orders@v3', 3, undefined],
      ['demo.gold.daily_sales@2026-01-02T00:00:00Z', undefined, '2026-01-02T00:00:00Z'],
    ]);
  });

  it('reads table_changes for the change data feed', () => {
    const r = findSharedRefs("SELECT _change_type, count(*) FROM table_changes('demo.silver.orders', 2, 5) GROUP BY 1", known);
    expect(r.sql).toBe('SELECT _change_type, count(*) FROM "changes(demo.silver.orders,2,5)" AS "orders" GROUP BY 1');
    expect(r.refs[0]).toMatchObject({ changes: { starting: 2, ending: 5 } });
  });

  it('accepts share names with dots (quoted) and profile-qualified names', () => {
    expect(findSharedRefs('SELECT * FROM "acme.prod".gold.orders', known).refs[0].table.profile).toBe('acme');
    expect(findSharedRefs('SELECT * FROM p2.twin.s.t', known).refs[0].table.profile).toBe('p2');
  });

  it('asks for a profile when two profiles share the same name', () => {
    expect(() => findSharedRefs('SELECT * FROM twin.s.t', known)).toThrow(SharedRefError);
    expect(() => findSharedRefs('SELECT * FROM twin.s.t', known)).toThrow(/p1, p2.*profile\.share\.schema\.table/);
  });

  it('explains malformed time travel', () => {
    expect(() => findSharedRefs('SELECT * FROM demo.silver.orders VERSION AS OF x', known)).toThrow(/whole number/);
    expect(() => findSharedRefs("SELECT * FROM table_changes('nope.a.b', 1)", known)).toThrow(/not a shared table/);
  });
});
