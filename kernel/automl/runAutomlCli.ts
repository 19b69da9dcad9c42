/**
 * `silt automl DATA.(csv|parquet) --target COL [--task K] --budget S [--seed N] [--split-json FILE]
 * [--preds-out FILE.csv] [--report-out FILE.html] [--exclude A,B] [--include C] [--time-column COL|none]`.
 * Columns the checks flag (leaks, identifiers) are left out unless `--include` names them. With a split file it trains on train_idx only and
 * writes test predictions in the peer harness's format (`row,p_<class>...` or `row,y_pred`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { AutoMLError } from './AutoMLError';
import { fitAutoML } from './fitAutoML';
import { loadTable } from './loadTable';
import type { TaskKind } from './profile';
import { renderReport } from './renderReport';
import { reportCharts } from './automlCharts';
import { takeRows } from './table';

const USAGE =
  'usage: silt automl DATA.(csv|parquet) --target COL [--task binary|multiclass|regression] --budget S [--seed N] [--split-json FILE] [--preds-out FILE.csv] [--report-out FILE.html] [--exclude COL,...] [--include COL,...] [--time-column COL|none]';

export async function runAutomlCli(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) {
        err(`missing value for ${a}\n${USAGE}`);
        return 2;
      }
      flags.set(a.slice(2), v);
      i++;
    } else positional.push(a);
  }
  const known = new Set([
    'target',
    'task',
    'budget',
    'seed',
    'split-json',
    'preds-out',
    'report-out',
    'max-trials',
    'exclude',
    'include',
    'time-column',
  ]);
  const list = (k: string) =>
    flags.has(k)
      ? flags
          .get(k)!
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const time = flags.get('time-column');
  const unknown = [...flags.keys()].filter((k) => !known.has(k));
  if (positional.length !== 1 || !flags.has('target') || unknown.length) {
    err(unknown.length ? `unknown option --${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const task = flags.get('task') as TaskKind | undefined;
  if (task && !['binary', 'multiclass', 'regression'].includes(task)) {
    err(`unknown task "${task}"\n${USAGE}`);
    return 2;
  }
  try {
    const table = await loadTable(positional[0]);
    let trainIndex: number[] | undefined, testIndex: number[] | undefined;
    if (flags.has('split-json')) {
      const sp = JSON.parse(readFileSync(flags.get('split-json')!, 'utf8')) as { train_idx?: number[]; test_idx?: number[] };
      if (!Array.isArray(sp.train_idx) || !Array.isArray(sp.test_idx))
        throw new AutoMLError('The split file needs train_idx and test_idx arrays.');
      trainIndex = sp.train_idx;
      testIndex = sp.test_idx;
    }
    const run = await fitAutoML(table, {
      target: flags.get('target')!,
      task,
      budgetSeconds: flags.has('budget') ? Number(flags.get('budget')) : undefined,
      maxTrials: flags.has('max-trials') ? Number(flags.get('max-trials')) : undefined,
      seed: Number(flags.get('seed') ?? 0),
      trainIndex,
      testIndex,
      exclude: list('exclude'),
      include: list('include'),
      timeColumn: time === undefined ? undefined : time === 'none' ? null : time,
    });
    let predictSeconds = 0;
    if (testIndex && flags.has('preds-out')) {
      const t0 = process.hrtime.bigint();
      const outputs = run.model.outputs(takeRows(table, testIndex));
      predictSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const C = run.model.classes.length;
      const lines = [run.task === 'regression' ? 'row,y_pred' : ['row', ...run.model.classes.map((c) => csvField(`p_${c}`))].join(',')];
      testIndex.forEach((r, i) => {
        lines.push(
          run.task === 'regression' ? `${r},${outputs[i]}` : [r, ...Array.from({ length: C }, (_, k) => outputs[i * C + k])].join(','),
        );
      });
      writeFileSync(flags.get('preds-out')!, lines.join('\n') + '\n');
    }
    if (flags.has('report-out')) writeFileSync(flags.get('report-out')!, renderReport(run, reportCharts(run)));
    const test = run.metrics.test;
    out(
      JSON.stringify({
        system: 'silt',
        target: run.target,
        task: run.task,
        metric: run.metric,
        holdout_metric: test ? (test as unknown as Record<string, number>)[run.metric] : null,
        validation_metric: run.validationScore,
        validation: run.validation,
        split: run.split.text,
        time_column: run.split.timeColumn ?? null,
        // What the dialog and the report say before any score: read the metrics above with them.
        warnings: run.warnings,
        unseen_classes: run.unseenClasses.map((u) => ({
          label: u.label,
          where: u.where,
          scored_rows: u.scoredRows,
          train_rows: u.trainRows,
        })),
        best_family: run.best.family,
        ensemble: run.ensemble.map((e) => `${e.family}#${e.trial}:${e.weight.toFixed(2)}`),
        n_trials: run.leaderboard.length,
        parallel_trials: run.parallelTrials,
        refit: run.refit,
        train_seconds: round(run.trainSeconds),
        predict_seconds: round(predictSeconds),
        peak_rss_mb: round(process.resourceUsage().maxRSS / 1024),
        dropped: run.profile.columns.filter((c) => !c.used).map((c) => `${c.name} (${c.reason})`),
        flagged: run.profile.columns.filter((c) => c.flag).map((c) => ({ column: c.name, flag: c.flag, used: c.used, reason: c.reason })),
      }),
    );
    return 0;
  } catch (e) {
    if (e instanceof AutoMLError) {
      err(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
