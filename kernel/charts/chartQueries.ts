/**
 * The DuckDB queries that feed a chart. Small results are read as they are and reduced by Plot's
 * transforms; big ones are grouped, binned or summarised inside DuckDB so that only the small
 * aggregate crosses into JavaScript (a bar chart of 10M rows draws in well under a second). Dot charts
 * and unaggregated lines draw a repeatable random sample, and say so.
 */
import type { ColumnInfo } from '../protocol';
import { quoteIdent } from '../../common/sqlQuote';
import type { ChartSpec } from './chartSpec';
import { needsDoubleCast } from '../../common/columnKind';
import { BIN_END, BIN_START, BOX_COLUMNS, valueColumn } from './plotPlan';

/** Up to this many rows, Plot reduces the rows itself. */
export const RAW_LIMIT = 20_000;
/** Points a dot chart draws at most; more are unreadable and make a multi-megabyte SVG. */
export const DOT_LIMIT = 5_000;
/** Outliers drawn per group and side at most (the most extreme ones). */
const OUTLIER_LIMIT = 1_000;

export interface ChartSource {
  /** The table holding the result (a named result's name, or the handle's temp table). */
  table: string;
  columns: ColumnInfo[];
  rowCount: number;
}

export interface ChartQueries {
  datasets: { name: string; sql: string }[];
  /** Whether DuckDB did the reduction (the Plot marks then draw the rows as they are). */
  aggregated: boolean;
  /** Said under the chart when it does not show every row as it is. */
  note?: string;
}

const SQL_AGGREGATE = { count: 'count(*)', sum: 'sum', mean: 'avg', median: 'median', min: 'min', max: 'max' } as const;

export function chartQueries(spec: ChartSpec, source: ChartSource): ChartQueries {
  const t = quoteIdent(source.table);
  const q = quoteIdent;
  const col = (name: string) => (needsDoubleCast(typeOf(source, name)) ? `CAST(${q(name)} AS DOUBLE) AS ${q(name)}` : q(name));
  const used = unique([spec.x, spec.y, spec.color, spec.facet]);
  const n = source.rowCount.toLocaleString('en-US');
  const sample = (limit: number) => `${t} USING SAMPLE reservoir(${limit} ROWS) REPEATABLE (42)`;
  const raw = (from: string, order = '') => `SELECT ${used.map(col).join(', ')} FROM ${from}${order}`;

  if (spec.mark === 'dot' || ((spec.mark === 'line' || spec.mark === 'area') && !spec.aggregate)) {
    const limit = spec.mark === 'dot' ? DOT_LIMIT : RAW_LIMIT;
    const order = spec.mark === 'dot' ? '' : ` ORDER BY ${q(spec.x)}`;
    if (source.rowCount <= limit) return { datasets: [{ name: 'rows', sql: raw(t, order) }], aggregated: false };
    return {
      datasets: [{ name: 'rows', sql: raw(sample(limit), order) }],
      aggregated: false,
      note: `Showing a random sample of ${limit.toLocaleString('en-US')} of ${n} rows${spec.mark === 'dot' ? '' : '; choose an aggregate to use every row'}.`,
    };
  }
  // Lines join points in row order, and Plot's group transform keeps the order it meets x values in.
  const byX = spec.mark === 'line' || spec.mark === 'area' ? ` ORDER BY ${q(spec.x)}` : '';
  if (source.rowCount <= RAW_LIMIT) return { datasets: [{ name: 'rows', sql: raw(t, byX) }], aggregated: false };

  const note = `Aggregated in DuckDB over ${n} rows.`;
  const groups = unique([spec.x, spec.mark === 'cell' ? spec.y : spec.color, spec.facet]);
  if (spec.mark === 'histogram') return { datasets: [{ name: 'rows', sql: histogramSql(spec, source, t) }], aggregated: true, note };
  if (spec.mark === 'box') return { datasets: [{ name: 'rows', sql: boxSql(spec, source, t) }], aggregated: true, note };
  const measured = spec.mark === 'cell' ? spec.color : spec.y;
  const agg = spec.aggregate === 'count' || !measured ? SQL_AGGREGATE.count : `${SQL_AGGREGATE[spec.aggregate!]}(${q(measured)})`;
  const sql = `SELECT ${groups.map(col).join(', ')}, CAST(${agg} AS DOUBLE) AS ${q(valueColumn(spec))} FROM ${t} GROUP BY ALL ORDER BY ${groups.map((g) => q(g)).join(', ')}`;
  return { datasets: [{ name: 'rows', sql }], aggregated: true, note };
}

/**
 * Bins x into about log2(n)+1 bins (Sturges), the step rounded to the nearest 1, 2 or 5 × 10^k as
 * d3's ticks do, all in one statement so the inserted
 * cell can run it again on fresh data. Dates and timestamps bin on their epoch milliseconds.
 */
function histogramSql(spec: ChartSpec, source: ChartSource, t: string): string {
  const q = quoteIdent;
  const temporal = /^(DATE|TIMESTAMP)/i.test(typeOf(source, spec.x));
  const v = temporal ? `epoch_ms(CAST(${q(spec.x)} AS TIMESTAMP))` : `CAST(${q(spec.x)} AS DOUBLE)`;
  const back = (e: string) => (temporal ? `make_timestamp(CAST(${e} AS BIGINT) * 1000)` : e);
  const extra = unique([spec.color, spec.facet]).filter((c) => c !== spec.x);
  const extraCols = extra.map((c) => `${needsDoubleCast(typeOf(source, c)) ? `CAST(${q(c)} AS DOUBLE)` : q(c)} AS ${q(c)}`);
  return [
    `WITH v AS (SELECT ${[`${v} AS v`, ...extraCols].join(', ')} FROM ${t} WHERE ${q(spec.x)} IS NOT NULL),`,
    `r AS (SELECT (max(v) - min(v)) / (ceil(log2(count(*))) + 1) AS raw FROM v),`,
    `m AS (SELECT raw, pow(10, floor(log10(raw))) AS mag FROM r WHERE raw > 0),`,
    `s AS (SELECT coalesce(any_value(mag * CASE WHEN raw / mag >= 7.0710678 THEN 10 WHEN raw / mag >= 3.1622777 THEN 5 WHEN raw / mag >= 1.4142136 THEN 2 ELSE 1 END), 1) AS step FROM m),`,
    `b AS (SELECT floor(v / step) * step AS lo, step${extra.map((c) => `, ${q(c)}`).join('')} FROM v, s)`,
    `SELECT ${back('lo')} AS ${BIN_START}, ${back('lo + step')} AS ${BIN_END}${extra.map((c) => `, ${q(c)}`).join('')}, CAST(count(*) AS DOUBLE) AS count FROM b GROUP BY ALL ORDER BY 1`,
  ].join('\n');
}

/**
 * Quartiles per group in one pass; then, in a second pass against the 1.5×IQR fences, the whiskers
 * (the most extreme values inside the fences) and the most extreme OUTLIER_LIMIT values beyond each
 * fence. One statement, so the inserted cell can run it again.
 */
function boxSql(spec: ChartSpec, source: ChartSource, t: string): string {
  const q = quoteIdent;
  const b = BOX_COLUMNS;
  const groups = unique([spec.x, spec.facet]);
  const keys = groups.map((g) => `${needsDoubleCast(typeOf(source, g)) ? `CAST(${q(g)} AS DOUBLE)` : q(g)} AS ${q(g)}`);
  const names = groups.map(q).join(', ');
  return [
    `WITH d AS (SELECT ${keys.join(', ')}, CAST(${q(spec.y!)} AS DOUBLE) AS y FROM ${t} WHERE ${q(spec.y!)} IS NOT NULL),`,
    `k AS (SELECT ${names}, quantile_cont(y, [0.25, 0.5, 0.75]) AS q FROM d GROUP BY ALL),`,
    `s AS (SELECT ${names}, q[1] AS ${b.q1}, q[2] AS ${b.median}, q[3] AS ${b.q3}, q[1] - 1.5 * (q[3] - q[1]) AS lo_fence, q[3] + 1.5 * (q[3] - q[1]) AS hi_fence FROM k),`,
    `w AS (SELECT ${names}, min(y) FILTER (WHERE y >= lo_fence) AS ${b.lo}, max(y) FILTER (WHERE y <= hi_fence) AS ${b.hi},`,
    `  min(y, ${OUTLIER_LIMIT}) FILTER (WHERE y < lo_fence) AS low, max(y, ${OUTLIER_LIMIT}) FILTER (WHERE y > hi_fence) AS high FROM d JOIN s USING (${names}) GROUP BY ALL)`,
    `SELECT ${names}, ${b.q1}, ${b.median}, ${b.q3}, ${b.lo}, ${b.hi}, NULL::DOUBLE AS ${q(spec.y!)}, true AS ${b.isBox}, false AS ${b.isOutlier} FROM s JOIN w USING (${names})`,
    `UNION ALL SELECT ${names}, NULL, NULL, NULL, NULL, NULL, unnest(list_concat(coalesce(low, []), coalesce(high, []))), false, true FROM w`,
  ].join('\n');
}

function typeOf(source: ChartSource, name: string): string {
  return source.columns.find((c) => c.name === name)?.type ?? '';
}

function unique(names: (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n))];
}
