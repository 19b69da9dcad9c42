/**
 * The chart the builder opens with, from the result's column types, the way an analyst would start:
 * a date and a number → a line of the sum over time; a category and a number → bars of the sum;
 * a single number → its histogram; only categories → bars counting rows.
 */
import type { ChartSpec } from '../../kernel/protocol/charts';
import type { ColumnInfo } from '../../kernel/protocol/notebook';
import { chartKind, type ChartKind } from '../../common/columnKind';

/** Names that look like keys make poor measures and poor axes. */
const ID_LIKE = /(^id$|_id$|^id_|uuid|^key$|_key$)/i;

export function defaultSpec(columns: ColumnInfo[]): ChartSpec {
  const of = (kind: ChartKind) => columns.filter((c) => chartKind(c.type) === kind && !ID_LIKE.test(c.name));
  const numeric = of('numeric');
  const temporal = of('temporal');
  const categorical = of('categorical');
  if (temporal.length && numeric.length) return { mark: 'line', x: temporal[0].name, y: numeric[0].name, aggregate: 'sum' };
  if (categorical.length && numeric.length)
    return { mark: 'bar', x: categorical[0].name, y: numeric[0].name, aggregate: 'sum', sort: '-y' };
  if (numeric.length) return { mark: 'histogram', x: numeric[0].name };
  if (categorical.length) return { mark: 'bar', x: categorical[0].name, aggregate: 'count', sort: '-y' };
  return { mark: 'bar', x: columns[0]?.name ?? '', aggregate: 'count' };
}
