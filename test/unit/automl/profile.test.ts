import { describe, expect, it } from 'vitest';
import { AutoMLError, fitAutoML, profileTable } from '../../../kernel/automl';
import type { AutoMLTable } from '../../../kernel/automl';

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('column and task detection', () => {
  const n = 60;
  const table: AutoMLTable = {
    columns: [
      { name: 'id', values: rows(n).map((i) => i + 1) },
      { name: 'age', values: rows(n).map((i) => (i % 9 === 0 ? null : 20 + (i % 37))) },
      { name: 'city', values: rows(n).map((i) => ['Oslo', 'Lima', 'Pune'][i % 3]) },
      { name: 'member', values: rows(n).map((i) => i % 2 === 0) },
      { name: 'joined', values: rows(n).map((i) => new Date(Date.UTC(2020, i % 12, 1 + (i % 28)))) },
      { name: 'price_text', values: rows(n).map((i) => String(10 + i * 0.5)) },
      { name: 'comment', values: rows(n).map((i) => `customer number ${i} wrote a long note about item ${i * 7}`) },
      { name: 'code', values: rows(n).map((i) => `X${1000 + i * 13}`) },
      { name: 'const', values: rows(n).map(() => 'same') },
      { name: 'empty', values: rows(n).map(() => null) },
      { name: 'churn', values: rows(n).map((i) => (i % 3 === 0 ? 'yes' : 'no')) },
      { name: 'spend', values: rows(n).map((i) => i * 1.7 + 3) },
      { name: 'stars', values: rows(n).map((i) => 1 + (i % 5)) },
    ],
  };

  it('types every column and says why', () => {
    const p = profileTable(table, 'churn', rows(n));
    const kind = Object.fromEntries(p.columns.map((c) => [c.name, [c.kind, c.used]]));
    expect(kind).toEqual({
      id: ['id', false],
      age: ['numeric', true],
      city: ['categorical', true],
      member: ['boolean', true],
      joined: ['datetime', true],
      price_text: ['numeric-string', true],
      comment: ['text', false],
      code: ['id', false],
      const: ['constant', false],
      empty: ['empty', false],
      spend: ['numeric', true],
      stars: ['numeric', true],
    });
    expect(p.columns.find((c) => c.name === 'age')!.missing).toBe(7);
    for (const c of p.columns) expect(c.reason.length).toBeGreaterThan(3);
  });

  it('detects binary, multiclass and regression targets', () => {
    expect(profileTable(table, 'churn', rows(n)).task).toBe('binary');
    expect(profileTable(table, 'churn', rows(n)).classes).toEqual(['no', 'yes']);
    expect(profileTable(table, 'city', rows(n)).task).toBe('multiclass');
    expect(profileTable(table, 'stars', rows(n)).task).toBe('multiclass');
    expect(profileTable(table, 'spend', rows(n)).task).toBe('regression');
  });

  it('orders numeric class labels numerically, like the scorer', () => {
    const t: AutoMLTable = {
      columns: [
        { name: 'y', values: [10, 9, 2, 10, 9, 2] },
        { name: 'x', values: [1, 2, 3, 4, 5, 6] },
      ],
    };
    expect(profileTable(t, 'y', rows(6), 'multiclass').classes).toEqual(['2', '9', '10']);
  });
});

describe('bad input gives an AutoMLError, not a crash or a hang', () => {
  const ok: AutoMLTable = {
    columns: [
      { name: 'x', values: [1, 2, 3, 4, 5, 6] },
      { name: 'y', values: ['a', 'b', 'a', 'b', 'a', 'b'] },
      { name: 'c', values: [1, 1, 1, 1, 1, 1] },
    ],
  };
  const cases: [string, AutoMLTable, Parameters<typeof fitAutoML>[1], RegExp][] = [
    ['missing target', ok, { target: 'nope', maxTrials: 2 }, /not in the table/],
    ['constant target', ok, { target: 'c', maxTrials: 2 }, /constant/],
    ['one class only', ok, { target: 'y', task: 'binary', trainIndex: [0, 2, 4], maxTrials: 2 }, /constant/],
    ['string target for regression', ok, { target: 'y', task: 'regression', maxTrials: 2 }, /text values/],
    [
      '1-row table',
      {
        columns: [
          { name: 'x', values: [1] },
          { name: 'y', values: [1] },
        ],
      },
      { target: 'y', maxTrials: 2 },
      /at least 2/,
    ],
    ['budget of 0', ok, { target: 'y', budgetSeconds: 0 }, /budget/],
    [
      'all-null target',
      {
        columns: [
          { name: 'x', values: [1, 2, 3] },
          { name: 'y', values: [null, null, null] },
        ],
      },
      { target: 'y', maxTrials: 2 },
      /fewer than 2/,
    ],
  ];
  for (const [name, table, opts, msg] of cases) {
    it(name, async () => {
      const p = fitAutoML(table, opts);
      await expect(p).rejects.toBeInstanceOf(AutoMLError);
      await expect(p).rejects.toThrow(msg);
    });
  }

  it('a table whose only feature is all-null still returns the baseline model', async () => {
    const t: AutoMLTable = {
      columns: [
        { name: 'x', values: Array(20).fill(null) },
        { name: 'y', values: rows(20).map((i) => (i % 4 === 0 ? 'a' : 'b')) },
      ],
    };
    const run = await fitAutoML(t, { target: 'y', maxTrials: 3 });
    expect(run.profile.columns[0]).toMatchObject({ kind: 'empty', used: false });
    expect(run.model.predict([{ x: null }])).toEqual(['b']);
  });

  it('cancels through an AbortSignal, keeping the trials that finished', async () => {
    const ctl = new AbortController();
    const t: AutoMLTable = {
      columns: [
        { name: 'x', values: rows(200) },
        { name: 'y', values: rows(200).map((i) => i % 2) },
      ],
    };
    const run = await fitAutoML(t, { target: 'y', budgetSeconds: 30, workers: 0, signal: ctl.signal, onProgress: () => ctl.abort() });
    expect(run.cancelled).toBe(true);
    expect(run.leaderboard.map((e) => e.family)).toEqual(['baseline']);
  });

  it('a run cancelled before any trial finished says so', async () => {
    const t: AutoMLTable = {
      columns: [
        { name: 'x', values: rows(200) },
        { name: 'y', values: rows(200).map((i) => i % 2) },
      ],
    };
    await expect(fitAutoML(t, { target: 'y', budgetSeconds: 30, signal: AbortSignal.abort() })).rejects.toThrow(
      /cancelled before any model finished/,
    );
  });
});
