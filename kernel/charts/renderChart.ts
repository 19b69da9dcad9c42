/**
 * chart.render in a session: checks a spec against the result a handle holds, runs the queries that
 * feed it (aggregating in DuckDB when the result is big) and draws the SVG, with the equivalent cell
 * code for "Insert chart" / "Copy as code".
 */
import { SiltError } from '../../common/SiltError';
import type { DuckEngine } from '../engine/DuckEngine';
import { quoteIdent } from '../../common/sqlQuote';
import type { ChartTheme } from './chartTheme';
import { chartQueries, type ChartSource } from './chartQueries';
import { bandTicks } from './bandTicks';
import { xLabelLayout } from './bandLabelLayout';
import { validateSpec } from './chartSpec';
import { chartKind } from '../../common/columnKind';
import { plotPlan } from './plotPlan';
import { renderPlot } from './renderPlot';
import { instantiatePlan } from './specToPlot';
import { specToCode } from './specToCode';

export interface RenderChartParams {
  handle: string;
  spec: unknown;
  width?: number;
  height?: number;
  theme?: ChartTheme;
  /** The name the code reads the data by; the result's own table otherwise. */
  table?: string;
}

export interface RenderedChart {
  svg: string;
  note?: string;
  /** A TypeScript cell that draws the same chart. */
  code: string;
}

export async function renderChart(engine: DuckEngine, p: RenderChartParams): Promise<RenderedChart> {
  const source = await chartSource(engine, p.handle);
  const spec = validateSpec(p.spec, source.columns);
  const queries = chartQueries(spec, source);
  const data: Record<string, unknown[]> = {};
  for (const d of queries.datasets) data[d.name] = await engine.query(d.sql);
  const temporal = new Set(source.columns.filter((c) => chartKind(c.type) === 'temporal').map((c) => c.name));
  const xValues = Object.values(data).flatMap((rows) => rows.map((r) => (r as Record<string, unknown>)[spec.x]));
  const xTicks = bandTicks(xValues);
  const xLabels = xLabelLayout(xValues, { width: p.width, faceted: Boolean(spec.facet) });
  const draw = (marginLeft?: number) =>
    renderPlot(
      instantiatePlan(plotPlan(spec, queries.aggregated, { temporal, xTicks, marginLeft, xLabels }), data, {
        width: p.width,
        height: p.height,
      }),
      { theme: p.theme },
    );
  let svg = draw();
  // Plot cannot measure text in Node, so long y tick labels (1,200,000) would be cut at the left edge.
  const marginLeft = yLabelMargin(svg);
  if (marginLeft !== undefined) svg = draw(marginLeft);
  const table = p.table ?? source.table;
  let code = specToCode(spec, table, { ...source, xTicks, marginLeft, xLabels });
  if (table.startsWith('__silt_')) {
    code = `// Reads the unnamed result above; name that SQL cell's result and use the name here to re-run this after a restart.\n${code}`;
  }
  return { svg, ...(queries.note ? { note: queries.note } : {}), code };
}

/** Plot's default left margin, which fits tick labels of about five characters. */
const DEFAULT_MARGIN_LEFT = 40;

/**
 * The left margin the y axis's tick labels need, estimated from their length (10 px sans-serif:
 * about 6.2 px a character, plus the tick and its padding); undefined when the default is enough.
 */
export function yLabelMargin(svg: string): number | undefined {
  const axis = /<g aria-label="y-axis tick label"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
  if (!axis) return undefined;
  const longest = Math.max(0, ...[...axis[1].matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1].length));
  const needed = Math.ceil(longest * 6.2 + 12);
  return needed > DEFAULT_MARGIN_LEFT ? needed : undefined;
}

/**
 * The table behind a handle. SQL results are temp tables named after their handle; a result held in
 * memory (a DataFrame a cell displayed) becomes one first, so DuckDB can aggregate it.
 */
async function chartSource(engine: DuckEngine, handle: string): Promise<ChartSource> {
  await engine.materialise(handle);
  const table = engine.tableOf(handle);
  const described = await engine.query(`DESCRIBE ${quoteIdent(table)}`).catch(() => null);
  if (!described) {
    throw new SiltError('not-found', 'This result is no longer held by the session; run its cell again to chart it.');
  }
  const count = await engine.query(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${quoteIdent(table)}`);
  return {
    table,
    columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    rowCount: Number(count[0].n),
  };
}
