import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitAutoML, loadTable, runAutomlCli } from '../../../kernel/automl';
import { SHARED } from '../../helpers/shared';

const DATA = `${SHARED}/data/tabular`;
const dir = mkdtempSync(join(tmpdir(), 'silt-automl-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AutoML outputs', () => {
  it('reads Parquet written by DuckDB with the same values and nulls as the CSV', async () => {
    const pq = join(dir, 'penguins.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT * FROM read_csv_auto('${DATA}/penguins.csv')) TO '${pq}' (FORMAT parquet)`);
    conn.closeSync();
    db.closeSync();
    const [a, b] = [await loadTable(join(DATA, 'penguins.csv')), await loadTable(pq)];
    expect(b.columns.map((c) => c.name)).toEqual(a.columns.map((c) => c.name));
    const sex = (t: typeof a) => t.columns.find((c) => c.name === 'sex')!.values as unknown[];
    expect(sex(b)).toEqual(sex(a));
    expect(sex(b).filter((v) => v === null)).toHaveLength(11);
  });

  it('writes a self-contained HTML report with the leaderboard and importances', async () => {
    const report = join(dir, 'mpg.html');
    const out: string[] = [];
    const code = await runAutomlCli(
      [join(DATA, 'mpg.csv'), '--target', 'mpg', '--budget', '3', '--report-out', report],
      (l) => out.push(l),
      () => {},
    );
    expect(code).toBe(0);
    expect(JSON.parse(out[0]).task).toBe('regression');
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<h2>Leaderboard</h2>');
    expect(html).toContain('weight');
    expect(html).toMatch(/name<\/td><td>text<\/td>/);
    expect(html).not.toMatch(/<script|<link/);
  });

  it('gives the same leaderboard twice with maxTrials and a seed', async () => {
    const t = await loadTable(join(DATA, 'pima_diabetes.csv'));
    const a = await fitAutoML(t, { target: 'class', maxTrials: 6, seed: 7 });
    const b = await fitAutoML(t, { target: 'class', maxTrials: 6, seed: 7 });
    expect(a.leaderboard.map((x) => [x.family, x.score])).toEqual(b.leaderboard.map((x) => [x.family, x.score]));
    expect(a.task).toBe('binary');
    expect(a.leaderboard[0].score).toBeGreaterThan(0.75);
  });

  it('rejects a missing data file and an unknown flag with a message and an exit code', async () => {
    const err: string[] = [];
    expect(
      await runAutomlCli(
        [join(dir, 'nope.csv'), '--target', 'y', '--budget', '1'],
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(1);
    expect(err[0]).toMatch(/not found/);
    expect(
      await runAutomlCli(
        [join(DATA, 'mpg.csv'), '--target', 'mpg', '--bogus', '1'],
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[1]).toMatch(/unknown option --bogus/);
  });
});
