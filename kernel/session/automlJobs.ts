/**
 * AutoML jobs started from the UI (`automl.*` requests): the search runs in the background on the
 * session's worker pool while the session keeps answering; progress goes out as `automl.progress`
 * notices, the end as `automl.done`. A finished job keeps its run for the report, exports and
 * "add to session" until the session ends.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { AutoMLRun, AutoMLTable } from '../automl';
import type { AutomlLeaderRow, AutomlReport, AutomlRequests, AutomlSource } from '../protocol/automl';
import { toAutoMLTable } from './automlApi';
import { forgetInspected, inspectedSource } from './automlSourceCache';
import type { KnownTable } from './sharing/findSharedRefs';
import type { Handlers } from './Handlers';
import type { Session } from './Session';
import { SiltError } from '../../common/SiltError';

interface Job {
  source: AutomlSource;
  controller: AbortController;
  run?: AutoMLRun;
  error?: string;
  reports: Map<string, AutomlReport>;
}

const jobsOf = new WeakMap<Session, Map<string, Job>>();
let counter = 0;
/** The engine, loaded on first use (a dynamic import, so it also loads from source in tests). */
const loadAutoml = () => import('../automl');
const NAME_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function jobs(s: Session): Map<string, Job> {
  let m = jobsOf.get(s);
  if (!m) jobsOf.set(s, (m = new Map()));
  return m;
}

function job(s: Session, jobId: string): Job {
  const j = jobs(s).get(jobId);
  if (!j) throw new SiltError('not-found', `No AutoML job ${jobId} in this session (it may have been restarted).`);
  return j;
}

function finished(s: Session, jobId: string): { job: Job; run: AutoMLRun } {
  const j = job(s, jobId);
  if (j.error) throw new SiltError('bad-request', j.error);
  if (!j.run) throw new SiltError('bad-request', 'The AutoML job is still running.');
  return { job: j, run: j.run };
}

async function loadSource(s: Session, source: AutomlSource): Promise<AutoMLTable> {
  if ('handle' in source && typeof source.handle === 'string') return toAutoMLTable(s.engine, source.handle);
  if ('table' in source && typeof source.table === 'string') {
    await sharedTable(s, source.table);
    const temp = `__silt_automl_${++counter}`;
    await s.engine.execute(await s.shared.resolve(`SELECT * FROM ${source.table}`), { name: temp });
    try {
      return await toAutoMLTable(s.engine, temp);
    } finally {
      await s.engine.forget(temp);
    }
  }
  throw new SiltError('bad-request', 'automl.start: source must be { handle } or { table }');
}

/** The open profiles' table `share.schema.table` names (quoted parts allowed, case ignored); not-found otherwise. */
async function sharedTable(s: Session, name: string): Promise<KnownTable> {
  const parts = (name.match(/"(?:[^"]|"")*"|[^.]+/g) ?? []).map((p) =>
    (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p).toLowerCase(),
  );
  const known =
    parts.length === 3
      ? (await s.shared.tables()).find((t) => [t.share, t.schema, t.table].every((x, i) => x.toLowerCase() === parts[i]))
      : undefined;
  if (!known) throw new SiltError('not-found', `No shared table ${name} in the open profiles (expected share.schema.table).`);
  return known;
}

/** How the generated notebook gets the same data back: by the result's name when it has one. */
function dataCode(source: AutomlSource, table?: string): string {
  if (table !== undefined) return `await automl.table(${JSON.stringify(table)})`;
  return 'handle' in source
    ? `await automl.table(${JSON.stringify(source.handle)})`
    : `await automl.table(await sharing.load(${JSON.stringify(source.table)}))`;
}

const leaderRow = (t: AutoMLRun['leaderboard'][number], describe: (t: AutoMLRun['leaderboard'][number]) => string): AutomlLeaderRow => ({
  trial: t.trial,
  family: t.family,
  label: describe(t),
  score: t.score,
  seconds: t.trainSeconds + t.predictSeconds,
  params: t.params,
});

function variableName(target: string): string {
  const name = `model_${target.replace(/[^A-Za-z0-9_$]/g, '_')}`;
  return NAME_RE.test(name) ? name : 'model';
}

async function report(jobId: string, j: Job, run: AutoMLRun, theme: 'light' | 'dark'): Promise<AutomlReport> {
  const automl = await loadAutoml();
  const keys = ['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'f1', 'precision', 'recall', 'rmse', 'mae', 'r2'] as const;
  const { train, validation } = run.metrics;
  return {
    jobId,
    cancelled: run.cancelled,
    target: run.target,
    task: run.task,
    metric: run.metric,
    rows: run.trainRows.length,
    validation: run.validation,
    split: { text: run.split.text, ...(run.split.timeColumn ? { timeColumn: run.split.timeColumn } : {}) },
    validationScore: run.validationScore,
    ensemble: automl.ensembleMembers(run),
    ensembleText: automl.explainEnsemble(run),
    trainSeconds: run.trainSeconds,
    parallelTrials: run.parallelTrials,
    model: automl
      .ensembleMembers(run)
      .map((m) => (run.ensemble.length > 1 ? `${m.label} (weight ${m.weight.toFixed(2)})` : m.label))
      .join(' + '),
    leaderboard: run.leaderboard.map((t) => leaderRow(t, automl.describeTrial)),
    metrics: keys
      .filter((k) => train[k] !== undefined || validation[k] !== undefined)
      .map((k) => ({ name: k, train: train[k] as number | undefined, validation: validation[k] as number | undefined })),
    importance: run.importance,
    dropped: run.profile.columns
      .filter((c) => !c.used)
      .map((c) => ({ column: c.name, reason: c.reason, ...(c.flag ? { flag: c.flag } : {}) })),
    // Importance is the one chart whose rows its title does not name.
    charts: automl
      .automlCharts(run, theme)
      .map((c) => (c.title.startsWith('Permutation importance') ? { ...c, note: capital(automl.importanceRowsNote(run)) } : c)),
    notes: {
      reading: automl.metricReading(run),
      split: automl.splitNote(run),
      metrics: automl.metricsNote(run),
      leaderboard: automl.leaderboardNote(run.warnings),
    },
    cells: automl.generateNotebookCells(run, { code: dataCode(j.source) }),
    variable: variableName(run.target),
    warnings: run.warnings,
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function outPath(s: Session, path: string): string {
  return isAbsolute(path) ? path : resolve(s.workspace || process.cwd(), path);
}

async function write(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

export const automlHandlers: Handlers<keyof AutomlRequests> = {
  'automl.start': async (s, p) => {
    if (!(p.budgetSeconds > 0)) {
      throw new SiltError('bad-request', `The time budget must be more than 0 seconds (got ${p.budgetSeconds}).`);
    }
    // The dialog is done with its rows: free them before the search reads its own copy.
    forgetInspected(s);
    const table = await loadSource(s, p.source);
    if (!table.columns.some((c) => c.name === p.target)) {
      throw new SiltError('bad-request', `Target column "${p.target}" is not in the data.`);
    }
    const jobId = `automl-${++counter}`;
    const j: Job = { source: p.source, controller: new AbortController(), reports: new Map() };
    jobs(s).set(jobId, j);
    const leaders: AutomlLeaderRow[] = [];
    const higher = (metric: string) => metric === 'roc_auc';
    const automl = await loadAutoml();
    const fit = () =>
      automl.fitAutoML(table, {
        target: p.target,
        task: p.task,
        metric: p.metric,
        budgetSeconds: p.budgetSeconds,
        seed: p.seed,
        exclude: p.exclude,
        include: p.include,
        // '' turns the time split off; absent lets the engine guess.
        timeColumn: p.timeColumn === '' ? null : p.timeColumn,
        signal: j.controller.signal,
        onProgress: (e) => {
          if (e.kind !== 'trial') return;
          const row = { trial: e.id, family: e.family, params: e.params };
          const label = automl.describeTrial(row);
          leaders.push({ ...row, label, score: e.score, seconds: e.seconds });
          leaders.sort((a, b) =>
            Number.isNaN(a.score) ? 1 : Number.isNaN(b.score) ? -1 : higher(e.metric) ? b.score - a.score : a.score - b.score,
          );
          s.notify({
            type: 'automl.progress',
            jobId,
            trial: e.trial,
            family: e.family,
            label,
            params: e.params,
            score: e.score,
            bestScore: e.bestScore,
            metric: e.metric,
            elapsedMs: Math.round(e.elapsedSeconds * 1000),
            budgetMs: p.budgetSeconds * 1000,
            leaderboard: leaders.slice(0, 10),
            ...(e.split ? { split: e.split } : {}),
          });
        },
      });
    // Preprocessing runs in this thread before the first trial: let the answer with the job id go first.
    setImmediate(() =>
      fit().then(
        (run) => {
          j.run = run;
          s.notify({ type: 'automl.done', jobId, status: run.cancelled ? 'cancelled' : 'done' });
        },
        (e: Error) => {
          j.error = e.message;
          s.notify({ type: 'automl.done', jobId, status: 'error', message: e.message });
        },
      ),
    );
    return { jobId };
  },
  'automl.columns': async (s, p) => {
    // A new target re-profiles the rows already read (automlSourceCache.ts): the dialog asks on every change.
    const shared = 'table' in p.source ? await sharedTable(s, p.source.table) : null;
    const table = await inspectedSource(s, p.source, shared, () => loadSource(s, p.source));
    const inspection = (await loadAutoml()).inspectColumns(table, p.target);
    return {
      target: inspection.target,
      timeColumn: inspection.timeColumn,
      timeColumns: inspection.timeColumns,
      columns: inspection.columns.map((c) => ({
        name: c.name,
        kind: c.kind,
        used: c.used,
        reason: c.reason,
        ...(c.flag ? { flag: c.flag } : {}),
      })),
    };
  },
  'automl.cancel': async (s, p) => {
    job(s, p.jobId).controller.abort();
    return { ok: true };
  },
  'automl.result': async (s, p) => {
    const { job: j, run } = finished(s, p.jobId);
    const theme = p.theme === 'dark' ? 'dark' : 'light';
    let r = j.reports.get(theme);
    if (!r) j.reports.set(theme, (r = await report(p.jobId, j, run, theme)));
    return r;
  },
  'automl.notebook': async (s, p) => {
    const { job: j, run } = finished(s, p.jobId);
    return { cells: (await loadAutoml()).generateNotebookCells(run, { code: dataCode(j.source, p.table) }) };
  },
  'automl.exportModel': async (s, p) => {
    const automl = await loadAutoml();
    return { path: await write(outPath(s, automl.exportPath(p.path, '.json')), automl.serializeModel(finished(s, p.jobId).run.model)) };
  },
  'automl.exportReport': async (s, p) => {
    const { job: j, run } = finished(s, p.jobId);
    const automl = await loadAutoml();
    // Both looks: the file shows its reader's (renderReport), whatever the window showed.
    const charts = (theme: 'light' | 'dark') => j.reports.get(theme)?.charts ?? automl.automlCharts(run, theme);
    const html = automl.renderReport(run, { light: charts('light'), dark: charts('dark') }, p.theme === 'dark' ? 'dark' : 'light');
    return { path: await write(outPath(s, automl.exportPath(p.path, '.html')), html) };
  },
  'automl.addToSession': async (s, p) => {
    const { run } = finished(s, p.jobId);
    const name = p.name || variableName(run.target);
    if (!NAME_RE.test(name)) throw new Error(`"${name}" is not a valid variable name.`);
    s.defineGlobal(name, run.model);
    return { name };
  },
};
