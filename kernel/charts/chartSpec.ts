/**
 * Checks a chart spec (plain JSON from the builder, see protocol/charts.ts) against the result's
 * columns, with errors that name what is wrong and what is available.
 */
import { SiltError } from '../../common/SiltError';
import type { ColumnInfo } from '../protocol';
import { CHART_AGGREGATES as AGGREGATES, CHART_MARKS, CHART_SORTS as SORTS, type ChartSpec } from '../protocol/charts';
import { chartKind } from '../../common/columnKind';

export type { ChartSpec };

export class ChartSpecError extends SiltError {
  override name = 'ChartSpecError';
  constructor(message: string) {
    super('bad-request', message);
  }
}

/**
 * Checks a spec from the wire against the result's columns and fills in what the mark implies
 * (a bar of y sums y; a bar without y counts rows). Throws ChartSpecError.
 */
export function validateSpec(input: unknown, columns: ColumnInfo[]): ChartSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ChartSpecError('The chart spec must be an object.');
  const s = input as Record<string, unknown>;
  const mark = oneOf(s.mark, CHART_MARKS, 'mark');
  if (mark === undefined) throw new ChartSpecError(`Choose a mark: ${CHART_MARKS.join(', ')}.`);
  const aggregate = oneOf(s.aggregate, AGGREGATES, 'aggregate');
  const sort = oneOf(s.sort, SORTS, 'sort');
  const kinds = new Map(columns.map((c) => [c.name, chartKind(c.type)]));
  const column = (field: string): string | undefined => {
    const v = s[field];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new ChartSpecError(`${field} must be a column name.`);
    if (!kinds.has(v)) throw new ChartSpecError(`column "${v}" is not in the result; columns are ${columns.map((c) => c.name).join(', ')}`);
    return v;
  };
  const x = column('x');
  if (!x) throw new ChartSpecError('Choose a column for x.');
  const y = column('y');
  const color = column('color');
  const facet = column('facet');
  const spec: ChartSpec = { mark, x };
  switch (mark) {
    case 'bar':
    case 'line':
    case 'area': {
      const agg = aggregate ?? (y ? (mark === 'bar' ? 'sum' : undefined) : 'count');
      if (!y && agg !== 'count') throw new ChartSpecError(`A ${mark} chart needs a y column, or count rows.`);
      if (y && agg !== 'count' && kinds.get(y) !== 'numeric')
        throw new ChartSpecError(`y column "${y}" is not numeric; choose a numeric column or count rows.`);
      if (agg) spec.aggregate = agg;
      if (y && agg !== 'count') spec.y = y;
      break;
    }
    case 'dot':
      if (!y) throw new ChartSpecError('A dot chart needs a y column.');
      if (aggregate) throw new ChartSpecError('A dot chart draws rows as they are; remove the aggregate or choose a bar or line.');
      spec.y = y;
      break;
    case 'cell':
      if (!y) throw new ChartSpecError('A cell chart needs a y column (the rows of the grid).');
      spec.y = y;
      spec.aggregate = aggregate ?? (color ? 'mean' : 'count');
      if (color && spec.aggregate !== 'count' && kinds.get(color) !== 'numeric') {
        throw new ChartSpecError(`colour column "${color}" is not numeric; a cell chart colours by a number, or counts rows.`);
      }
      if (!color && spec.aggregate !== 'count')
        throw new ChartSpecError(`A cell chart that shows the ${spec.aggregate} needs a colour column to measure.`);
      break;
    case 'histogram':
      if (kinds.get(x) === 'categorical')
        throw new ChartSpecError(`x column "${x}" is not numeric or temporal, so it cannot be binned; use a bar chart that counts rows.`);
      if (y) throw new ChartSpecError('A histogram counts rows per bin of x; it has no y column.');
      if (aggregate && aggregate !== 'count') throw new ChartSpecError('A histogram counts rows; choose a bar chart to sum or average.');
      break;
    case 'box':
      if (!y) throw new ChartSpecError('A box chart needs a numeric y column (the values to summarise).');
      if (kinds.get(y) !== 'numeric') throw new ChartSpecError(`y column "${y}" is not numeric; a box chart summarises numbers.`);
      if (aggregate) throw new ChartSpecError('A box chart shows quartiles; it takes no aggregate.');
      if (color) throw new ChartSpecError('A box chart has no colour; use facet to split it.');
      spec.y = y;
      break;
  }
  if (color && mark !== 'box') spec.color = color;
  if (facet) spec.facet = facet;
  if (sort) spec.sort = sort;
  if (typeof s.title === 'string' && s.title.trim()) spec.title = s.title.trim();
  return spec;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new ChartSpecError(`${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(v)}.`);
}
