import { describe, expect, it } from 'vitest';
import type { NameInfo } from '../../../kernel/protocol/messages';
import { completionOptions } from '../../../renderer/cells/completionOptions';

const names: NameInfo[] = [
  { name: 'trips', kind: 'table', detail: 'SQL result' },
  { name: 'demo.silver.orders', kind: 'shared-table', detail: 'shared by demo' },
  { name: 'fare', kind: 'column', table: 'trips', detail: 'trips · DOUBLE' },
  { name: 'id', kind: 'column', table: 'trips', detail: 'trips · BIGINT' },
  { name: 'order_id', kind: 'column', table: 'demo.silver.orders', detail: 'orders · long' },
  { name: 'id', kind: 'column', table: 'demo.silver.orders', detail: 'orders · long' },
];
const labels = (r: { options: { label: string }[] }) => r.options.map((o) => o.label).sort();

describe('SQL completion options', () => {
  it('offers only the columns of the tables a statement reads', () => {
    const r = completionOptions(names, 'SELECT  FROM demo.silver.orders', '');
    expect(labels(r)).toEqual(['demo.silver.orders', 'id', 'order_id', 'trips']);
  });

  it('offers every column, below the tables, when the statement names no table yet', () => {
    const r = completionOptions(names, 'SELECT ', '');
    expect(labels(r)).toEqual(['demo.silver.orders', 'fare', 'id', 'order_id', 'trips']);
    expect(r.options.find((o) => o.label === 'fare')!.boost).toBeLessThan(r.options.find((o) => o.label === 'trips')!.boost);
  });

  it("completes alias.column with the aliased shared table's columns only", () => {
    const text = 'SELECT o.or FROM demo.silver.orders o JOIN trips t ON t.id = o.id';
    const r = completionOptions(names, text, 'o.or');
    expect(r.from).toBe(2);
    expect(labels(r)).toEqual(['id', 'order_id']);
  });

  it('completes table.column for a local table', () => {
    const r = completionOptions(names, 'SELECT trips.f FROM trips', 'trips.f');
    expect(r.from).toBe(6);
    expect(labels(r)).toEqual(['fare', 'id']);
  });

  it('keeps completing a shared table name while its dotted prefix is typed', () => {
    const r = completionOptions(names, 'SELECT * FROM demo.sil', 'demo.sil');
    expect(r.from).toBe(0);
    expect(labels(r)).toContain('demo.silver.orders');
  });
});
