import { describe, expect, it } from 'vitest';
import { guessTargetColumn, type AutoMLTable } from '../../../kernel/automl';

/** Orders as the demo's Silver table has them: ids, a measure, a status label, dates and event state. */
function orders(n = 200): AutoMLTable {
  const statuses = ['placed', 'paid', 'shipped', 'delivered', 'cancelled'];
  return {
    columns: [
      { name: 'order_id', values: Array.from({ length: n }, (_, i) => `o-${i}`) },
      { name: 'buyer_id', values: Array.from({ length: n }, (_, i) => `b-${i % 150}`) },
      { name: 'amount_eur', values: Float64Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % 5000) / 3) },
      { name: 'region', values: Array.from({ length: n }, (_, i) => ['north', 'south', 'east', 'west'][i % 4]) },
      { name: 'status', values: Array.from({ length: n }, (_, i) => statuses[(i * 3) % 5]) },
      { name: 'placed_at', values: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))) },
      { name: 'last_event_id', values: Array.from({ length: n }, (_, i) => `e-${i}`) },
      { name: 'last_event_type', values: Array.from({ length: n }, (_, i) => `order_${statuses[(i * 3) % 5]}`) },
    ],
  };
}

describe('the target the session guesses from the data', () => {
  it('prefers a label-like low-cardinality column over the last column, an event type or an id', () => {
    expect(guessTargetColumn(orders())).toBe('status');
  });

  it('prefers price to a coordinate named y, and a many-valued category to numeric features', () => {
    const n = 60;
    const num = (k: number) => Float64Array.from({ length: n }, (_, i) => (i * k) % 97);
    expect(
      guessTargetColumn({
        columns: [
          { name: 'carat', values: num(3) },
          { name: 'price', values: num(7) },
          { name: 'y', values: num(11) },
        ],
      }),
    ).toBe('price');
    const letter = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26)));
    expect(
      guessTargetColumn({
        columns: [
          { name: 'letter', values: letter },
          { name: 'x_box', values: num(5) },
          { name: 'yegvx', values: num(13) },
        ],
      }),
    ).toBe('letter');
  });

  it('falls back to a numeric measure when there is no label', () => {
    const t = orders();
    t.columns = t.columns.filter((c) => c.name !== 'status');
    expect(guessTargetColumn(t)).toBe('amount_eur');
  });
});
