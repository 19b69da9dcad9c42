import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../renderer/charts/defaultSpec';

const col = (name: string, type: string) => ({ name, type });

describe('defaultSpec (the chart builder opens with)', () => {
  it('a date and a number: the sum over time as a line', () => {
    expect(defaultSpec([col('order_id', 'BIGINT'), col('day', 'DATE'), col('region', 'VARCHAR'), col('amount', 'DECIMAL(18,2)')])).toEqual({
      mark: 'line',
      x: 'day',
      y: 'amount',
      aggregate: 'sum',
    });
  });

  it('a category and a number: bars of the sum, largest first, skipping id columns', () => {
    expect(defaultSpec([col('customer_id', 'INTEGER'), col('region', 'VARCHAR'), col('amount', 'DOUBLE')])).toEqual({
      mark: 'bar',
      x: 'region',
      y: 'amount',
      aggregate: 'sum',
      sort: '-y',
    });
  });

  it('one number: its histogram; only text: bars counting rows', () => {
    expect(defaultSpec([col('latency_ms', 'DOUBLE')])).toEqual({ mark: 'histogram', x: 'latency_ms' });
    expect(defaultSpec([col('status', 'VARCHAR'), col('ok', 'BOOLEAN')])).toEqual({
      mark: 'bar',
      x: 'status',
      aggregate: 'count',
      sort: '-y',
    });
  });
});
