/** A small self-contained HTML report of a run: summary, leaderboard, metrics, importance. */
import type { AutoMLRun } from './fitAutoML';
import type { AutoMLChart } from './automlCharts';
import type { ChartTheme } from '../charts/chartTheme';
import { reportCss } from './reportCss';
import { importanceNote, leaderboardNote, metricReading, metricsNote, splitNote } from './reportNotes';
import type { MetricReport } from './evaluate';
import { describeTrial } from './describeTrial';
import { ensembleMembers, explainEnsemble } from './explainEnsemble';

const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(4));

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function metricRows(m: MetricReport): [string, string][] {
  const keys = ['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'f1', 'precision', 'recall', 'rmse', 'mae', 'r2'] as const;
  return keys.filter((k) => m[k] !== undefined).map((k) => [k, fmt(m[k] as number)]);
}

/** Said before any score, since they change how every score reads. */
function warnings(list: AutoMLRun['warnings']): string {
  if (!list.length) return '';
  return `<div class="warnings" role="alert"><h2>Read the scores with care</h2><ul>${list.map((w) => `<li>${esc(w.text)}</li>`).join('')}</ul></div>`;
}

/** The report's charts, drawn once per look (automlCharts), in the same order. */
export type ReportCharts = Record<ChartTheme, AutoMLChart[]>;

/** Both drawings of a chart: the page shows the one of the reader's look (reportCss). */
function figures(charts: ReportCharts): string {
  return charts.light
    .map(
      (c, i) =>
        `<figure><figcaption>${esc(c.title)}</figcaption><div class="chart-light">${c.svg}</div><div class="chart-dark">${charts.dark[i]?.svg ?? ''}</div></figure>`,
    )
    .join('\n');
}

/**
 * `charts` are embedded after the metrics when given; `theme` is the look Silt was in at export, used
 * only where the reader's browser states no preference (see reportCss).
 */
export function renderReport(run: AutoMLRun, charts: ReportCharts = { light: [], dark: [] }, theme: ChartTheme = 'light'): string {
  const sets = Object.entries(run.metrics).filter(([, m]) => m) as [string, MetricReport][];
  const names = [...new Set(sets.flatMap(([, m]) => metricRows(m).map(([k]) => k)))];
  const flagged = run.profile.columns.filter((c) => c.flag && !c.used);
  const maxImp = Math.max(1e-12, ...run.importance.map((i) => Math.abs(i.importance)));
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="${theme === 'dark' ? 'dark light' : 'light dark'}"><title>AutoML: ${esc(run.target)}</title><style>
${reportCss(theme)}
</style></head><body>
<h1>AutoML report: ${esc(run.target)}</h1>
<p>Task <b>${esc(run.task)}</b> (${esc(run.profile.taskReason)}), metric <b>${esc(run.metric)}</b>, ${run.profile.rows} training rows,
${esc(run.split.text)}, ${run.leaderboard.length} trials in ${run.trainSeconds.toFixed(1)} s.
Validation ${esc(run.metric)} of the final model: <b>${fmt(run.validationScore)}</b> (${esc(metricReading(run))}).</p>
${splitNote(run) ? `<p class="note">${esc(splitNote(run))}</p>` : ''}
${warnings(run.warnings)}
<h2>Final model</h2>
<p>${esc(explainEnsemble(run))}</p>
${table(
  ['trial', 'weight', `${run.metric} alone`],
  ensembleMembers(run).map((m) => [m.label, m.weight.toFixed(2), fmt(m.score)]),
)}
${
  flagged.length
    ? `<h2>Columns left out by the checks</h2>\n${table(
        ['column', 'check', 'reason'],
        flagged.map((c) => [c.name, c.flag, c.reason]),
      )}`
    : ''
}
<h2>Metrics</h2>
${table(
  ['metric', ...sets.map(([s]) => s)],
  names.map((k) => [k, ...sets.map(([, m]) => metricRows(m).find(([x]) => x === k)?.[1] ?? '–')]),
)}
<p class="note">${esc(metricsNote(run))}</p>
${charts.light.length ? `<h2>Charts</h2>\n${figures(charts)}` : ''}
<h2>Leaderboard</h2>
${leaderboardNote(run.warnings) ? `<p class="warnings">The scores on validation ${esc(leaderboardNote(run.warnings))} (see <i>Read the scores with care</i> above).</p>` : ''}
${table(
  ['#', 'trial', run.metric, 'train (s)', 'predict (s)', 'all parameters'],
  run.leaderboard.map((t, i) => [
    i + 1,
    describeTrial(t),
    fmt(t.score),
    t.trainSeconds.toFixed(2),
    t.predictSeconds.toFixed(2),
    Object.entries(t.params)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toPrecision(3) : v}`)
      .join(', '),
  ]),
)}
<p class="note">Times are summed over the trial's validation folds; predict is the time to predict their validation rows.</p>
<h2>Permutation importance</h2>
<p class="note">${esc(importanceNote(run))}</p>
<table><thead><tr><th>column</th><th>${esc(run.metric)} worse by</th><th></th></tr></thead><tbody>${run.importance.map((i) => `<tr><td>${esc(i.column)}</td><td>${fmt(i.importance)}</td><td style="width:300px"><div class="bar" style="width:${Math.max(0, (100 * i.importance) / maxImp).toFixed(1)}%"></div></td></tr>`).join('')}</tbody></table>
<h2>Columns</h2>
${table(
  ['column', 'type', 'used', 'missing', 'distinct', 'reason'],
  run.profile.columns.map((c) => [c.name, c.kind, c.used ? 'yes' : 'no', c.missing, c.distinct, c.reason]),
)}
</body></html>
`;
}
