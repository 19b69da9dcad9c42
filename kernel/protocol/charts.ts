/** Chart requests: draw a chart of a held result from a JSON spec, and save a chart as SVG or PNG. */
import type { Shape } from './shape';

export interface ChartRequests {
  /**
   * Draws `spec` over the result `handle` holds as standalone SVG. Big results are aggregated in
   * DuckDB first; `note` says when the chart does not show every row as it is (a sample, an aggregate).
   */
  'chart.render': {
    params: {
      sessionId: string;
      handle: string;
      spec: ChartSpec;
      /** Chart size in CSS pixels; Plot's defaults (640 × 400) otherwise. */
      width?: number;
      height?: number;
      theme?: ChartTheme;
      /** The name the returned code reads the data by (the result's name); the result's own table otherwise. */
      table?: string;
    };
    /** `code` is a TypeScript cell that draws the same chart. */
    result: { svg: string; note?: string; code: string };
  };
  /** Writes an SVG (from chart.render or a cell's output) to `path` atomically, as SVG or PNG. */
  'chart.export': {
    params: {
      sessionId: string;
      svg: string;
      format: 'svg' | 'png';
      /** Absolute path; `.svg`/`.png` is added when it has no extension. */
      path: string;
      /** Width in CSS pixels; the height keeps the aspect ratio. */
      width?: number;
      /** PNG pixels per CSS pixel (2 for high-DPI). */
      scale?: number;
      /** Recolours the background and text; PNG background follows it. */
      theme?: ChartTheme;
    };
    result: { path: string; bytes: number };
  };
}

export const CHART_PARAMS: Record<keyof ChartRequests, Shape> = {
  'chart.render': { sessionId: 'string', handle: 'string', spec: 'object', width: 'number?', height: 'number?', theme: 'string?', table: 'string?' },
  'chart.export': { sessionId: 'string', svg: 'string', format: 'string', path: 'string', width: 'number?', scale: 'number?', theme: 'string?' },
};

export type ChartMark = 'bar' | 'line' | 'area' | 'dot' | 'cell' | 'histogram' | 'box';
export type ChartAggregate = 'count' | 'sum' | 'mean' | 'median' | 'min' | 'max';
/** Order of the x axis: by x, or by the aggregated y; `-` for descending. */
export type ChartSort = 'x' | '-x' | 'y' | '-y';
export type ChartTheme = 'light' | 'dark';

/** A chart as the no-code builder describes it. */
export interface ChartSpec {
  mark: ChartMark;
  /** The column on the horizontal axis (the group for box, the binned column for histogram). */
  x: string;
  /** The measured column; optional when counting rows, not used by histogram. */
  y?: string;
  /** Colours bars, lines and dots by this column; for cell, the column the cells' colour measures. */
  color?: string;
  /** One small chart per value of this column, stacked vertically. */
  facet?: string;
  /** How rows sharing an x (and colour and facet) are combined. */
  aggregate?: ChartAggregate;
  sort?: ChartSort;
  title?: string;
}
