/** Products with names of every length, some far too long for a band: what long-label charts draw. */
import type { ColumnInfo } from '../../../kernel/protocol';

export const PRODUCT_COLUMNS: ColumnInfo[] = [
  { name: 'product', type: 'VARCHAR' },
  { name: 'revenue', type: 'DOUBLE' },
];

const NAMES = [
  'Espresso machine',
  'Noise-cancelling over-ear headphones with travel case',
  'Desk lamp',
  'Ergonomic office chair (mesh back)',
  'Kettle',
  'Cast-iron skillet 28 cm',
  'Standing desk converter',
  'USB-C docking station, dual 4K display',
  'Yoga mat',
  'Robot vacuum',
  'Water bottle',
  'Mechanical keyboard, hot-swappable switches',
];

/** `n` products, one row each; names beyond the list are numbered variants. */
export function productRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    product: i < NAMES.length ? NAMES[i] : `${NAMES[i % NAMES.length].split(' ')[0]} model ${i}`,
    revenue: 1000 + ((i * 7919) % 5000),
  }));
}
