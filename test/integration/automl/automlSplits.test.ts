import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitAutoML, generateNotebookCells, loadTable, runAutomlCli } from '../../../kernel/automl';
import { SHARED } from '../../helpers/shared';

const DATA = `${SHARED}/data/tabular`;
const SPLITS = `${SHARED}/bench/splits`;
const dir = mkdtempSync(join(tmpdir(), 'silt-automl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading real CSVs through DuckDB', () => {
  it('keeps empty fields as missing and numbers as numbers', async () => {
    const t = await loadTable(join(DATA, 'titanic.csv'));
    const age = t.columns.find((c) => c.name === 'Age')!.values;
    const cabin = t.columns.find((c) => c.name === 'Cabin')!.values as unknown[];
    expect(age).toBeInstanceOf(Float64Array);
    expect(Array.from(age as Float64Array).filter(Number.isNaN)).toHaveLength(177);
    expect(cabin.filter((v) => v === null)).toHaveLength(687);
    expect(age.length).toBe(891);
  });
});

for (const [name, target, task, metric, baseline, margin] of [
  ['titanic', 'Survived', 'binary', 'roc_auc', 0.5, 0.25],
  ['penguins', 'species', 'multiclass', 'log_loss', 1.06, 0.8],
] as const) {
  describe(`${name} on the peer's split at an 8 s budget`, () => {
    const split = join(SPLITS, `${name}.seed0.split.json`);
    const preds = join(dir, `${name}.preds.csv`);
    let line: Record<string, unknown> = {};

    it('the CLI trains on train_idx and writes predictions the peer scorer accepts', async () => {
      const out: string[] = [],
        err: string[] = [];
      const code = await runAutomlCli(
        [join(DATA, `${name}.csv`), '--target', target, '--task', task, '--budget', '8', '--split-json', split, '--preds-out', preds],
        (l) => out.push(l),
        (l) => err.push(l),
      );
      expect(err).toEqual([]);
      expect(code).toBe(0);
      line = JSON.parse(out[0]);
      expect(line.metric).toBe(metric);
      expect(Number(line.train_seconds)).toBeLessThan(12);
      expect(Number(line.peak_rss_mb)).toBeGreaterThan(10);
      const header = readFileSync(preds, 'utf8').split('\n')[0];
      expect(header).toBe(task === 'binary' ? 'row,p_0,p_1' : 'row,p_Adelie,p_Chinstrap,p_Gentoo');
      const scored = JSON.parse(
        execFileSync(
          '/usr/bin/python3',
          [
            `${SHARED}/bench/score_preds.py`,
            join(DATA, `${name}.csv`),
            '--target',
            target,
            '--task',
            task,
            '--split',
            split,
            '--preds',
            preds,
          ],
          { encoding: 'utf8' },
        ),
      );
      // Same metric in TypeScript and in the peer's scikit-learn code.
      expect(scored.holdout_metric).toBeCloseTo(Number(line.holdout_metric), 5);
      // Clearly better than predicting the majority class / the class prior.
      if (metric === 'roc_auc') expect(scored.holdout_metric).toBeGreaterThan(baseline + margin);
      else expect(scored.holdout_metric).toBeLessThan(baseline - margin);
    });
  });
}

describe('fitAutoML on titanic with a test index', () => {
  it('reports metrics, a leaderboard, importances and notebook cells', async () => {
    const t = await loadTable(join(DATA, 'titanic.csv'));
    const sp = JSON.parse(readFileSync(join(SPLITS, 'titanic.seed0.split.json'), 'utf8'));
    const events: [number, string][] = [];
    const run = await fitAutoML(t, {
      target: 'Survived',
      task: 'binary',
      budgetSeconds: 5,
      seed: 0,
      trainIndex: sp.train_idx,
      testIndex: sp.test_idx,
      onProgress: (e) => void (e.kind === 'trial' && events.push([e.id, e.family])),
    });
    expect(run.leaderboard.length).toBeGreaterThanOrEqual(3);
    // Every family's default runs first (side by side on the pool, so in any order).
    // Every family's default goes first, cheapest first (they finish in any order on the pool).
    expect(
      events
        .filter(([id]) => id < 4)
        .sort((a, b) => a[0] - b[0])
        .map(([, f]) => f),
    ).toEqual(['baseline', 'linear', 'decision_tree', 'gbdt']);
    expect(run.metrics.test!.roc_auc).toBeGreaterThan(0.78);
    expect(run.metrics.test!.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(179);
    expect(run.importance[0].column).toBe('Sex');
    expect(
      run.profile.columns
        .filter((c) => !c.used)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Cabin', 'Name', 'PassengerId', 'Ticket']);
    const cells = generateNotebookCells(run, join(DATA, 'titanic.csv'));
    expect(cells.some((c) => c.language === 'typescript' && c.source.includes('trainSingleModel'))).toBe(true);
  });
});
