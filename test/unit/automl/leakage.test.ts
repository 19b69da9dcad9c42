import { describe, expect, it } from 'vitest';
import { inspectColumns, type AutoMLTable } from '../../../kernel/automl';

const n = 600;
/** A deterministic noise in [0, 1). */
const noise = (i: number, k: number) => (((i + 1) * k * 2654435761) % 1000) / 1000;

function sales(): AutoMLTable {
  const size = Array.from({ length: n }, (_, i) => 20 + noise(i, 3) * 200);
  const price = size.map((s, i) => 1000 * s + 40_000 * noise(i, 7));
  return {
    columns: [
      { name: 'row_number', values: Float64Array.from({ length: n }, (_, i) => i + 1) },
      { name: 'size_m2', values: Float64Array.from(size) },
      { name: 'price_with_tax', values: Float64Array.from(price, (p) => p * 1.2) },
      { name: 'agent_code', values: Array.from({ length: n }, (_, i) => `A${i % 300}`) },
      { name: 'seller_id', values: Array.from({ length: n }, (_, i) => `S${i % 5}`) },
      { name: 'listed_at', values: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + (i % 90)))) },
      { name: 'updated_at', values: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 3, 1 + (i % 60)))) },
      { name: 'price', values: Float64Array.from(price) },
    ],
  };
}

describe('checks on a regression target', () => {
  it('flags a rescaled copy of the target and a row number, not a strong honest feature', () => {
    const cols = new Map(inspectColumns(sales(), 'price').columns.map((c) => [c.name, c]));
    expect(cols.get('price_with_tax')!.flag).toBe('leak');
    expect(cols.get('price_with_tax')!.reason).toMatch(/alone explains 9\d\.\d % of the variance of price/);
    expect(cols.get('row_number')!.flag).toBe('id');
    // A last-change time is rewritten with the outcome; the listing time is not.
    expect(cols.get('updated_at')!.flag).toBe('post-outcome');
    expect(cols.get('listed_at')!.flag).toBeUndefined();
    // size explains much of price (R² about 0.8) but not almost all of it: an honest feature.
    expect(cols.get('size_m2')).toMatchObject({ used: true });
    expect(cols.get('size_m2')!.flag).toBeUndefined();
    // An id-like name with only 5 values is a category; a code without an id-like name is left to the profile.
    expect(cols.get('seller_id')!.flag).toBeUndefined();
    expect(cols.get('agent_code')!.flag).toBeUndefined();
  });

  it('lets the user include a flagged column back and exclude any other', () => {
    const cols = new Map(
      inspectColumns(sales(), 'price', { include: ['price_with_tax'], exclude: ['size_m2'] }).columns.map((c) => [c.name, c]),
    );
    expect(cols.get('price_with_tax')).toMatchObject({ used: true, flag: 'leak', included: true });
    expect(cols.get('size_m2')).toMatchObject({ used: false, excluded: true, reason: 'excluded by you' });
  });
});
