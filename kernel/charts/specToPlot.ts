/** Builds real Plot options from a plan (or straight from a spec over a result's own rows). */
import type { PlotOptions } from '@observablehq/plot';
import type { ChartSpec } from './chartSpec';
import { bandTicks } from './bandTicks';
import { xLabelLayout } from './bandLabelLayout';
import { loadPlot } from './plotRuntime';
import { plotPlan, type PlotPlan } from './plotPlan';

export interface ChartSize {
  width?: number;
  height?: number;
}

/** A chart of the result's rows (not pre-aggregated): Plot's transforms do the grouping and binning. */
export function specToPlot(spec: ChartSpec, rows: Record<string, unknown>[], size: ChartSize = {}): PlotOptions {
  // Lines join points in row order, and Plot's group transform keeps the order it meets x values in.
  const ordered = spec.mark === 'line' || spec.mark === 'area' ? [...rows].sort((a, b) => compare(a[spec.x], b[spec.x])) : rows;
  const sample = (name: string) => rows.find((r) => r[name] != null)?.[name];
  const temporal = new Set([spec.x, spec.y].filter((c): c is string => !!c && sample(c) instanceof Date));
  const xValues = rows.map((r) => r[spec.x]);
  const xLabels = xLabelLayout(xValues, { width: size.width, faceted: Boolean(spec.facet) });
  return instantiatePlan(plotPlan(spec, false, { temporal, xTicks: bandTicks(xValues), xLabels }), { rows: ordered }, size);
}

function compare(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

export function instantiatePlan(plan: PlotPlan, data: Record<string, unknown[]>, size: ChartSize = {}): PlotOptions {
  const Plot = loadPlot() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const marks = plan.marks.map((m) => {
    const options = m.transform ? Plot[m.transform.fn](m.transform.outputs, m.options) : m.options;
    if (m.data === null) return Plot[m.fn](options);
    const rows = typeof m.data === 'string' ? (data[m.data] ?? []) : m.data;
    return Plot[m.fn](rows, options);
  });
  return { ...plan.options, ...sizeFor(plan, data, size), marks } as PlotOptions;
}

/** Small multiples get room to breathe: ~130 px per facet unless the caller fixed the height. */
function sizeFor(plan: PlotPlan, data: Record<string, unknown[]>, size: ChartSize): ChartSize {
  const out: ChartSize = {};
  if (size.width) out.width = size.width;
  const facet = plan.marks.map((m) => m.options.fy).find((f): f is string => typeof f === 'string');
  if (size.height) out.height = size.height;
  else if (facet) {
    const values = new Set(Object.values(data).flatMap((rows) => rows.map((r) => String((r as Record<string, unknown>)[facet]))));
    out.height = Math.min(2000, Math.max(400, values.size * 130));
  }
  return out;
}
