/**
 * The report's charts as standalone SVG (Observable Plot via kernel/charts): best score per family,
 * permutation importance, and the model's validation behaviour (ROC and precision-recall curves for
 * binary targets, a confusion matrix for several classes, predicted vs actual for regression).
 */
import { loadPlot } from '../charts/plotRuntime';
import { renderPlot, type PlotOptions } from '../charts/renderPlot';
import { CHART_THEMES, type ChartTheme } from '../charts/chartTheme';
import { composite, contrastRatio, parseColour } from '../../common/contrastRatio';
import type { AutoMLRun } from './fitAutoML';
import { higherIsBetter } from './taskMetric';

export interface AutoMLChart {
  title: string;
  svg: string;
}

/**
 * The confusion matrix is one hue whose opacity grows with the count, over the chart's own
 * background: an empty cell is the background in either theme, also when the window rethemes a
 * chart drawn in the other one (a colour scheme's palest blue stayed a white square on dark). Counts
 * take the theme's text colour (currentColor follows a retheme too) or white, whichever reads at
 * AA over the cell as composited in both themes; see countOpacity for the shades neither reaches.
 */
const HEAT = '#1e55a8';
/** AA for text is 4.5:1; the margin covers the rounding of opacities in the SVG. */
const COUNT_CONTRAST = 4.6;
const THEMES = Object.values(CHART_THEMES);
const readsOver = (text: (t: (typeof THEMES)[number]) => string, opacity: number) =>
  THEMES.every(
    (t) => contrastRatio(parseColour(text(t)), composite(parseColour(HEAT), parseColour(t.background), opacity)) >= COUNT_CONTRAST,
  );
const inkReads = (opacity: number) => readsOver((t) => t.foreground, opacity);
const whiteReads = (opacity: number) => readsOver(() => 'white', opacity);

/**
 * Between the palest shade where white reads and the darkest where the text colour does, neither
 * reaches 4.5:1 on the light background (about 4:1 at best), so no cell is drawn there: the scale
 * runs up to INK_TO, then on from WHITE_FROM, keeping every count's order and its readability.
 */
const [INK_TO, WHITE_FROM] = (() => {
  let ink = 0;
  while (ink < 1 && inkReads(ink + 0.005)) ink += 0.005;
  let white = 1;
  while (white > 0 && whiteReads(white - 0.005)) white -= 0.005;
  return [ink, Math.max(ink, white)];
})();
/** The faintest cell with a count, so a single misclassified row still shows. */
const FLOOR = 0.12;

function countOpacity(count: number, max: number): number {
  if (count <= 0) return 0;
  // A square root, so the small counts off the diagonal are not all equally pale.
  const share = Math.sqrt(count / max);
  const [below, above] = [INK_TO - FLOOR, 1 - WHITE_FROM];
  const u = share * (below + above);
  return u <= below ? FLOOR + u : WHITE_FROM + (u - below);
}

export function automlCharts(run: AutoMLRun, theme: ChartTheme = 'light'): AutoMLChart[] {
  const Plot = loadPlot();
  const draw = (title: string, o: PlotOptions): AutoMLChart => ({
    title,
    svg: renderPlot({ width: 520, height: 260, marginLeft: 110, ...o }, { theme }),
  });
  const charts: AutoMLChart[] = [];

  const higher = higherIsBetter(run.task);
  const bestByFamily = new Map<string, number>();
  for (const t of run.leaderboard) {
    const b = bestByFamily.get(t.family);
    if (Number.isFinite(t.score) && (b === undefined || (higher ? t.score > b : t.score < b))) bestByFamily.set(t.family, t.score);
  }
  // Bars start just short of the worst model so close scores stay distinguishable; the baseline
  // (majority class / mean) is a dashed reference line rather than a bar that dwarfs the rest.
  const baseline = bestByFamily.get('baseline');
  const families = [...bestByFamily].filter(([f]) => f !== 'baseline').map(([family, score]) => ({ family, score }));
  const scores = families.map((f) => f.score);
  const [lo, hi] = [Math.min(...scores), Math.max(...scores)];
  const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.05 || 1;
  const from = higher ? lo - pad : Math.max(0, lo - pad);
  const to = higher ? hi + pad * 0.2 : hi + pad;
  const withinRange = baseline !== undefined && baseline >= from && baseline <= to;
  charts.push(
    draw(`Best ${run.metric} per family (${higher ? 'higher' : 'lower'} is better${withinRange ? '; dashed: the baseline' : ''})`, {
      marginRight: 50,
      x: { label: run.metric, grid: true, domain: [from, to] },
      y: { label: null },
      marks: [
        Plot.barX(families, { x1: from, x2: 'score', y: 'family', sort: { y: 'x2', reverse: higher }, fill: '#4a7fb5' }),
        Plot.text(families, {
          x: 'score',
          y: 'family',
          text: (d: { score: number }) => d.score.toPrecision(4),
          dx: 4,
          textAnchor: 'start',
          fontSize: 10,
        }),
        ...(withinRange ? [Plot.ruleX([baseline], { stroke: '#999', strokeDasharray: '4,3' })] : []),
      ],
    }),
  );

  const importance = run.importance.slice(0, 15);
  charts.push(
    draw(`Permutation importance (how much ${run.metric} worsens when a column is shuffled)`, {
      height: Math.max(140, 22 * importance.length + 40),
      x: { label: `${run.metric} worse by`, grid: true },
      y: { label: null },
      marks: [Plot.barX(importance, { x: 'importance', y: 'column', sort: { y: 'x', reverse: true }, fill: '#5a9e6f' }), Plot.ruleX([0])],
    }),
  );

  const v = run.metrics.validation;
  if (run.task === 'binary' && v.roc && v.pr) {
    charts.push(
      draw(`ROC curve (validation, AUC ${v.roc_auc?.toFixed(3)})`, {
        width: 300,
        height: 280,
        marginLeft: 50,
        x: { label: 'false positive rate', domain: [0, 1] },
        y: { label: 'true positive rate', domain: [0, 1], grid: true },
        marks: [
          Plot.line(
            [
              [0, 0],
              [1, 1],
            ],
            { stroke: '#999', strokeDasharray: '4,3' },
          ),
          Plot.line(v.roc, { x: 'fpr', y: 'tpr', stroke: '#4a7fb5', strokeWidth: 2 }),
        ],
      }),
    );
    charts.push(
      draw('Precision-recall curve (validation)', {
        width: 300,
        height: 280,
        marginLeft: 50,
        x: { label: 'recall', domain: [0, 1] },
        y: { label: 'precision', domain: [0, 1], grid: true },
        marks: [Plot.line(v.pr, { x: 'recall', y: 'precision', stroke: '#c0703a', strokeWidth: 2 })],
      }),
    );
  } else if (run.task === 'multiclass' && v.confusion) {
    const labels = run.model.classes;
    const cells = v.confusion.flatMap((row, i) => row.map((count, j) => ({ actual: labels[i], predicted: labels[j], count })));
    const max = Math.max(...cells.map((c) => c.count));
    // Labels longer than a column is wide ('handed_over' under 44 px) are slanted, so none overlaps.
    const longest = Math.max(...labels.map((l) => String(l).length));
    const slant = longest * 6.5 > 40;
    const bottom = slant ? Math.min(140, 36 + longest * 5) : 50;
    charts.push(
      draw('Confusion matrix (validation)', {
        width: Math.min(560, 140 + 44 * labels.length),
        height: Math.min(560 + bottom, 50 + bottom + 34 * labels.length),
        marginLeft: 90,
        marginBottom: bottom,
        x: { label: 'predicted', domain: labels, labelOffset: bottom - 8, ...(slant ? { tickRotate: -35 } : {}) },
        y: { label: 'actual', domain: labels },
        opacity: { type: 'identity' },
        marks: [
          Plot.cell(cells, { x: 'predicted', y: 'actual', fill: HEAT, fillOpacity: (d: { count: number }) => countOpacity(d.count, max) }),
          Plot.text(cells, {
            x: 'predicted',
            y: 'actual',
            text: 'count',
            fontWeight: 600,
            fill: (d: { count: number }) => (inkReads(countOpacity(d.count, max)) ? 'currentColor' : 'white'),
          }),
        ],
      }),
    );
  } else if (run.task === 'regression') {
    const { y, outputs } = run.validationPredictions;
    const points = Array.from({ length: Math.min(y.length, 2000) }, (_, i) => ({ actual: y[i], predicted: outputs[i] }));
    const lo = Math.min(...points.map((p) => Math.min(p.actual, p.predicted)));
    const hi = Math.max(...points.map((p) => Math.max(p.actual, p.predicted)));
    const shown = points.length < y.length ? `; ${points.length} of ${y.length} rows shown` : '';
    const title = `Predicted vs actual (validation, RMSE ${v.rmse?.toPrecision(4)}${shown})`;
    charts.push(
      draw(title, {
        width: 320,
        height: 300,
        marginLeft: 60,
        x: { label: `actual ${run.target}`, grid: true },
        y: { label: 'predicted', grid: true },
        marks: [
          Plot.line(
            [
              [lo, lo],
              [hi, hi],
            ],
            { stroke: '#999', strokeDasharray: '4,3' },
          ),
          Plot.dot(points, { x: 'actual', y: 'predicted', r: 2, fill: '#4a7fb5', fillOpacity: 0.5 }),
        ],
      }),
    );
  }
  return charts;
}

/** The charts in both looks, for a report that shows its reader's (renderReport). */
export function reportCharts(run: AutoMLRun): Record<ChartTheme, AutoMLChart[]> {
  return { light: automlCharts(run, 'light'), dark: automlCharts(run, 'dark') };
}
