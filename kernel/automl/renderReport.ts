/** A small self-contained HTML report of a run: summary, leaderboard, metrics, importance. */
import type { AutoMLRun } from './fitAutoML';
import type { AutoMLChart } from './automlCharts';
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

/** `charts` (standalone SVG from automlCharts) are embedded after the metrics when given. */
export function renderReport(run: AutoMLRun, charts: AutoMLChart[] = []): string {
  const sets = Object.entries(run.metrics).filter(([, m]) => m) as [string, MetricReport][];
  const names = [...new Set(sets.flatMap(([, m]) => metricRows(m).map(([k]) => k)))];
  const flagged = run.profile.columns.filter((c) => c.flag && !c.used);
  const maxImp = Math.max(1e-12, ...run.importance.map((i) => Math.abs(i.importance)));
  return `<!doctype html><html><head><meta charset="utf-8"><title>AutoML: ${esc(run.target)}</title><style>
body{font:14px system-ui,sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}figure{display:inline-block;margin:0 1em 1em 0}figcaption{font-weight:600}th{background:#f3f3f3}.bar{background:#4a7;height:10px}
.warnings{border-left:4px solid #c77700;background:#fff6e5;padding:.2em 1em;margin:1em 0}.warnings h2{font-size:1.05em;margin:.5em 0}
</style></head><body>
<h1>AutoML report: ${esc(run.target)}</h1>
<p>Task <b>${esc(run.task)}</b> (${esc(run.profile.taskReason)}), metric <b>${esc(run.metric)}</b>, ${run.profile.rows} training rows,
${esc(run.split.text)}, ${run.leaderboard.length} trials in ${run.trainSeconds.toFixed(1)} s.
Validation ${esc(run.metric)} of the final model: <b>${fmt(run.validationScore)}</b>.</p>
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
${charts.length ? `<h2>Charts</h2>\n${charts.map((c) => `<figure><figcaption>${esc(c.title)}</figcaption>${c.svg}</figure>`).join('\n')}` : ''}
<h2>Leaderboard</h2>
${run.warnings.length ? `<p class="warnings">Scores on validation include classes the models could not learn (see <i>Read the scores with care</i> above).</p>` : ''}
${table(
  ['#', 'trial', run.metric, 'train s', 'predict s', 'all parameters'],
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
<h2>Permutation importance</h2>
<table><tbody>${run.importance.map((i) => `<tr><td>${esc(i.column)}</td><td>${fmt(i.importance)}</td><td style="width:300px"><div class="bar" style="width:${Math.max(0, (100 * i.importance) / maxImp).toFixed(1)}%"></div></td></tr>`).join('')}</tbody></table>
<h2>Columns</h2>
${table(
  ['column', 'type', 'used', 'missing', 'distinct', 'reason'],
  run.profile.columns.map((c) => [c.name, c.kind, c.used ? 'yes' : 'no', c.missing, c.distinct, c.reason]),
)}
</body></html>
`;
}
