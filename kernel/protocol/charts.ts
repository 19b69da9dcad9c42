/** Chart requests: draw a chart of a held result from a JSON spec, and save a chart as SVG or PNG. */
import * as s from '../../common/schema';

export const CHART_MARKS = ['bar', 'line', 'area', 'dot', 'cell', 'histogram', 'box'] as const;
export const CHART_AGGREGATES = ['count', 'sum', 'mean', 'median', 'min', 'max'] as const;
/** Order of the x axis: by x, or by the aggregated y; `-` for descending. */
export const CHART_SORTS = ['x', '-x', 'y', '-y'] as const;
const CHART_THEMES = ['light', 'dark'] as const;

/** A chart as the no-code builder describes it. */
const chartSpec = s.object({
  mark: s.oneOf(CHART_MARKS, 'chart mark'),
  /** The column on the horizontal axis (the group for box, the binned column for histogram). */
  x: s.string(),
  /** The measured column; optional when counting rows, not used by histogram. */
  y: s.optional(s.string()),
  /** Colours bars, lines and dots by this column; for cell, the column the cells' colour measures. */
  color: s.optional(s.string()),
  /** One small chart per value of this column, stacked vertically. */
  facet: s.optional(s.string()),
  /** How rows sharing an x (and colour and facet) are combined. */
  aggregate: s.optional(s.oneOf(CHART_AGGREGATES, 'aggregate')),
  sort: s.optional(s.oneOf(CHART_SORTS, 'sort')),
  title: s.optional(s.string()),
});

/** The params of each chart request, checked at run time; their types below are inferred from these. */
export const CHART_PARAMS = {
  /**
   * Draws `spec` over the result `handle` holds as standalone SVG. Big results are aggregated in
   * DuckDB first; `note` says when the chart does not show every row as it is (a sample, an aggregate).
   */
  'chart.render': s.object({
    sessionId: s.string(),
    handle: s.string(),
    spec: chartSpec,
    /** Chart size in CSS pixels; Plot's defaults (640 × 400) otherwise. */
    width: s.optional(s.number()),
    height: s.optional(s.number()),
    theme: s.optional(s.oneOf(CHART_THEMES)),
    /** The name the returned code reads the data by (the result's name); the result's own table otherwise. */
    table: s.optional(s.string()),
  }),
  /** Writes an SVG (from chart.render or a cell's output) to `path` atomically, as SVG or PNG. */
  'chart.export': s.object({
    sessionId: s.string(),
    svg: s.string(),
    format: s.oneOf(['svg', 'png']),
    /** Absolute path; `.svg`/`.png` is added when it has no extension. */
    path: s.string(),
    /** Width in CSS pixels; the height keeps the aspect ratio. */
    width: s.optional(s.number()),
    /** PNG pixels per CSS pixel (2 for high-DPI). */
    scale: s.optional(s.number()),
    /** Recolours the background and text; PNG background follows it. */
    theme: s.optional(s.oneOf(CHART_THEMES)),
  }),
};

type In<K extends keyof typeof CHART_PARAMS> = s.Infer<(typeof CHART_PARAMS)[K]>;

export interface ChartRequests {
  'chart.render': {
    params: In<'chart.render'>;
    /** `code` is a TypeScript cell that draws the same chart. */
    result: { svg: string; note?: string; code: string };
  };
  'chart.export': { params: In<'chart.export'>; result: { path: string; bytes: number } };
}

export type ChartMark = (typeof CHART_MARKS)[number];
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];
export type ChartSpec = s.Infer<typeof chartSpec>;
export type ChartSort = (typeof CHART_SORTS)[number];
export type ChartTheme = (typeof CHART_THEMES)[number];
