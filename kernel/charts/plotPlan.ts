/**
 * The Plot call a chart spec stands for, as data: which mark functions, on which dataset, with which
 * transform and options. One description serves both drawing (instantiatePlan) and the code the
 * builder inserts (planToCode), so the inserted cell draws exactly what the preview showed.
 */
import type { ChartSpec } from './chartSpec';
import type { BandLabelLayout } from './bandLabelLayout';

export interface MarkPlan {
  /** A Plot mark function: barY, lineY, dot, ... */
  fn: string;
  /**
   * A dataset name (the rows a query returned), literal data such as [0] for a baseline, or null for
   * a mark that takes only options (an axis reading its ticks from the scale).
   */
  data: string | unknown[] | null;
  /** A Plot transform wrapping the options, e.g. groupX({y: "sum"}, options). */
  transform?: { fn: string; outputs: Record<string, unknown> };
  options: Record<string, unknown>;
}

export interface PlotPlan {
  /** Top-level Plot options (title, scales, size); marks are separate. */
  options: Record<string, unknown>;
  marks: MarkPlan[];
}

/** Column names of the rows DuckDB returns when it did the aggregation (see chartSql). */
export const BIN_START = 'bin_start';
export const BIN_END = 'bin_end';
/** Box statistics and outliers come back as one set of rows; `is_box` marks the statistics rows. */
export const BOX_COLUMNS = {
  q1: 'q1',
  median: 'median',
  q3: 'q3',
  lo: 'whisker_lo',
  hi: 'whisker_hi',
  isBox: 'is_box',
  isOutlier: 'is_outlier',
} as const;

/** The name of the aggregated value column: the measured column, or "count". */
export function valueColumn(spec: ChartSpec): string {
  const measured = spec.mark === 'cell' ? spec.color : spec.y;
  return spec.aggregate === 'count' || !measured ? 'count' : measured;
}

/** What the plan needs to know about the data beyond the spec. */
export interface PlanHints {
  /** The columns holding dates or timestamps. */
  temporal?: ReadonlySet<string>;
  /** Tick interval for dates on a band x axis with many values (see bandTicks). */
  xTicks?: string;
  /** Room for the y axis's tick labels when Plot's default is too narrow (see yLabelMargin). */
  marginLeft?: number;
  /** How category labels on a band x axis turn or are cut so they do not overlap (see bandLabelLayout). */
  xLabels?: BandLabelLayout;
}

/** The first colour of Plot's categorical scheme, for charts of a single series. */
const PALETTE_FIRST = '#4269d0';

/**
 * @param aggregated true when DuckDB already reduced the rows (one row per group, bins or box
 * statistics); false when the rows are the result's own and Plot's transforms reduce them.
 */
export function plotPlan(spec: ChartSpec, aggregated: boolean, hints: PlanHints = {}): PlotPlan {
  const temporal = hints.temporal ?? new Set<string>();
  const { x, y, color, facet } = spec;
  const fy = facet ? { fy: facet } : {};
  const value = valueColumn(spec);
  const options: Record<string, unknown> = {};
  if (spec.title) options.title = spec.title;
  const marks: MarkPlan[] = [];
  const yLabel = spec.aggregate === 'count' ? 'count' : spec.aggregate && y ? `${spec.aggregate} of ${y}` : y;
  const domainSort = spec.sort === 'y' || spec.sort === '-y' ? { sort: { x: spec.sort, ...(color ? { reduce: 'sum' } : {}) } } : {};
  switch (spec.mark) {
    case 'bar':
    case 'line':
    case 'area': {
      const fn = spec.mark === 'bar' ? 'barY' : spec.mark === 'line' ? 'lineY' : 'areaY';
      // With Plot's group transform, y is its input column (none when counting); pre-aggregated rows carry it.
      const yChannel = aggregated || !spec.aggregate ? { y: spec.aggregate ? value : y } : spec.aggregate !== 'count' ? { y } : {};
      const paint = { [spec.mark === 'line' ? 'stroke' : 'fill']: color ?? PALETTE_FIRST };
      const channels = { x, ...yChannel, ...paint, ...fy, ...(spec.mark === 'bar' ? domainSort : {}) };
      const transform = aggregated || !spec.aggregate ? {} : { transform: { fn: 'groupX', outputs: { y: spec.aggregate } } };
      marks.push({ fn, data: 'rows', ...transform, options: channels });
      if (spec.mark !== 'line') marks.push({ fn: 'ruleY', data: [0], options: {} });
      options.y = { grid: true, nice: true, label: yLabel };
      break;
    }
    case 'dot':
      marks.push({ fn: 'dot', data: 'rows', options: { x, y, fill: color ?? PALETTE_FIRST, r: 2.5, fillOpacity: 0.75, ...fy } });
      options.grid = true;
      break;
    case 'cell': {
      const measured = spec.aggregate !== 'count' ? { fill: color } : {};
      if (aggregated) marks.push({ fn: 'cell', data: 'rows', options: { x, y, fill: value, ...fy } });
      else
        marks.push({
          fn: 'cell',
          data: 'rows',
          transform: { fn: 'group', outputs: { fill: spec.aggregate } },
          options: { x, y, ...measured, ...fy },
        });
      options.color = { legend: true, scheme: 'blues', label: spec.aggregate === 'count' ? 'count' : `${spec.aggregate} of ${color}` };
      options.marginLeft = 80;
      break;
    }
    case 'histogram':
      if (aggregated) {
        marks.push({
          fn: 'rectY',
          data: 'rows',
          options: { x1: BIN_START, x2: BIN_END, y: 'count', fill: color ?? PALETTE_FIRST, ...fy, insetLeft: 0.5, insetRight: 0.5 },
        });
      } else {
        marks.push({
          fn: 'rectY',
          data: 'rows',
          transform: { fn: 'binX', outputs: { y: 'count' } },
          options: { x, fill: color ?? PALETTE_FIRST, ...fy },
        });
      }
      marks.push({ fn: 'ruleY', data: [0], options: {} });
      options.x = { label: x };
      options.y = { grid: true, nice: true, label: 'count' };
      break;
    case 'box':
      if (aggregated) {
        const b = BOX_COLUMNS;
        // Plot's boxY look: whisker rule, grey interquartile bar, median tick, outlier dots.
        marks.push({ fn: 'ruleX', data: 'rows', options: { x, y1: b.lo, y2: b.hi, filter: b.isBox, ...fy } });
        marks.push({ fn: 'barY', data: 'rows', options: { x, y1: b.q1, y2: b.q3, fill: '#ccc', filter: b.isBox, ...fy } });
        marks.push({ fn: 'tickY', data: 'rows', options: { x, y: b.median, strokeWidth: 2, filter: b.isBox, ...fy } });
        marks.push({ fn: 'dot', data: 'rows', options: { x, y, r: 1.5, filter: b.isOutlier, ...fy } });
      } else {
        marks.push({ fn: 'boxY', data: 'rows', options: { x, y, ...fy } });
      }
      options.y = { grid: true, label: y };
      break;
  }
  if (color && spec.mark !== 'cell' && spec.mark !== 'box') options.color = { legend: true };
  // Dates on a bar's or cell's axis are categories here; saying so stops Plot's "are dates" warning.
  const banded = spec.mark === 'bar' || spec.mark === 'box' || spec.mark === 'cell';
  if (banded && temporal.has(x)) options.x = { ...(options.x as object), type: 'band', ...(hints.xTicks ? { ticks: hints.xTicks } : {}) };
  if (spec.mark === 'cell' && y && temporal.has(y)) options.y = { ...(options.y as object), type: 'band' };
  // Time axes label ticks on two lines (day, then month); the axis label goes below both.
  if (temporal.has(x)) Object.assign(options, { x: { ...(options.x as object), labelOffset: 44 }, marginBottom: 50 });
  if (spec.sort === '-x') options.x = { ...(options.x as object), reverse: true };
  // Facet values label the right edge; leave room for them.
  if (facet) Object.assign(options, { fy: { label: facet }, marginRight: 100 });
  if (hints.marginLeft !== undefined && hints.marginLeft > ((options.marginLeft as number | undefined) ?? 0))
    options.marginLeft = hints.marginLeft;
  if (banded && !temporal.has(x) && hints.xLabels && hints.xLabels.rotate !== 0) turnXLabels(options, marks, hints.xLabels);
  return { options, marks };
}

/**
 * Turns the x axis's labels; labels cut short need an explicit axis mark, since only a mark takes
 * Plot's text options (lineWidth, textOverflow), and Plot then titles each cut label with its full text.
 */
function turnXLabels(options: Record<string, unknown>, marks: MarkPlan[], layout: BandLabelLayout): void {
  options.marginBottom = layout.marginBottom;
  if (layout.marginLeft !== undefined && layout.marginLeft > ((options.marginLeft as number | undefined) ?? 0)) {
    options.marginLeft = layout.marginLeft;
  }
  if (layout.lineWidth === undefined) {
    options.x = { ...(options.x as object), tickRotate: layout.rotate, labelOffset: layout.labelOffset };
    return;
  }
  const label = (options.x as { label?: unknown } | undefined)?.label;
  marks.push({
    fn: 'axisX',
    data: null,
    options: {
      tickRotate: layout.rotate,
      lineWidth: layout.lineWidth,
      textOverflow: 'ellipsis',
      labelOffset: layout.labelOffset,
      ...(label !== undefined ? { label } : {}),
    },
  });
}
