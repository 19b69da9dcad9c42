/**
 * A churn table written by DuckDB with three planted problems: a refund amount that exists only for
 * churned customers (a leak), a cancellation date filled in only for them (set after the outcome), and
 * a customer id. The checks flag and exclude all three, and the score falls to what the honest columns
 * alone reach; including them back restores the too-good score.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitAutoML, inspectColumns, loadTable, runAutomlCli, type AutoMLTable } from '../../../kernel/automl';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-leak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic uniform [0, 1) from DuckDB's hash, so the data does not depend on thread scheduling. */
const u = (salt: string) => `((hash(i, '${salt}') % 1000003) / 1000003.0)`;
const CHURN_SQL = `
  WITH base AS (
    SELECT i, 1 + floor(${u('t')} * 72)::INT AS tenure, round(20 + ${u('m')} * 100, 2) AS monthly,
      ['basic', 'plus', 'pro'][1 + floor(${u('p')} * 3)::INT] AS plan, DATE '2023-01-01' + floor(${u('d')} * 600)::INT AS signup_date
    FROM range(1500) t(i)
  ), labelled AS (
    SELECT *, CASE WHEN ${u('y')} < 1 / (1 + exp(-(-0.5 + 0.03 * monthly - 0.06 * tenure + CASE plan WHEN 'pro' THEN -0.8 ELSE 0 END))) THEN 1 ELSE 0 END AS churned
    FROM base
  )
  SELECT 'C' || lpad(i::VARCHAR, 6, '0') AS customer_id, tenure, monthly, plan, signup_date,
    CASE WHEN churned = 1 THEN round(10 + ${u('r')} * 90, 2) ELSE 0 END AS refund_amount,
    CASE WHEN churned = 1 THEN signup_date + tenure * 30 END AS cancelled_on,
    churned
  FROM labelled`;

let path = '';
let table: AutoMLTable;
beforeAll(async () => {
  path = join(dir, 'churn.csv');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (${CHURN_SQL}) TO '${path}' (HEADER)`);
  await conn.run(
    `COPY (SELECT tenure, monthly, plan, signup_date, churned FROM read_csv_auto('${path}')) TO '${join(dir, 'honest.csv')}' (HEADER)`,
  );
  conn.closeSync();
  db.closeSync();
  table = await loadTable(path);
});

const fit = (t: AutoMLTable, extra: Parameters<typeof fitAutoML>[1] extends infer O ? Partial<O> : never) =>
  fitAutoML(t, { target: 'churned', maxTrials: 4, workers: 0, seed: 1, timeColumn: null, ...extra });

describe('leakage checks before the search', () => {
  it('flags the leak, the column set after the outcome and the id, with reasons', () => {
    const cols = new Map(inspectColumns(table, 'churned').columns.map((c) => [c.name, c]));
    expect(cols.get('refund_amount')).toMatchObject({ flag: 'leak', used: false });
    expect(cols.get('refund_amount')!.reason).toMatch(/alone predicts churned/);
    expect(cols.get('cancelled_on')).toMatchObject({ flag: 'post-outcome', used: false });
    expect(cols.get('cancelled_on')!.reason).toMatch(/filled in only when churned is '1'/);
    expect(cols.get('customer_id')).toMatchObject({ flag: 'id', used: false });
    for (const honest of ['tenure', 'monthly', 'plan', 'signup_date']) {
      expect(cols.get(honest)!.used).toBe(true);
      expect(cols.get(honest)!.flag).toBeUndefined();
    }
  });

  it('excludes them by default: the score drops to what the honest columns alone reach', async () => {
    const [flaggedOut, honest, leaky] = await Promise.all([
      fit(table, {}),
      loadTable(join(dir, 'honest.csv')).then((t) => fit(t, {})),
      fit(table, { include: ['refund_amount', 'cancelled_on', 'customer_id'] }),
    ]);
    // With the leaks the model is "perfect"; without them it is as good as on the honest columns.
    expect(leaky.validationScore).toBeGreaterThan(0.99);
    expect(flaggedOut.validationScore).toBeLessThan(0.9);
    expect(Math.abs(flaggedOut.validationScore - honest.validationScore)).toBeLessThan(0.03);
    expect(
      flaggedOut.profile.columns
        .filter((c) => !c.used)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['cancelled_on', 'customer_id', 'refund_amount']);
    expect(leaky.profile.columns.find((c) => c.name === 'refund_amount')).toMatchObject({ used: true, included: true, flag: 'leak' });
  });

  it('`silt automl --exclude` leaves a column out and `--include` brings a flagged one back', async () => {
    const out: string[] = [],
      err: string[] = [];
    const code = await runAutomlCli(
      [path, '--target', 'churned', '--max-trials', '3', '--exclude', 'plan', '--include', 'customer_id', '--time-column', 'none'],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const line = JSON.parse(out[0]) as { dropped: string[]; flagged: { column: string; used: boolean }[] };
    expect(line.dropped.some((d) => d.startsWith('plan (excluded by you'))).toBe(true);
    expect(line.flagged).toContainEqual(expect.objectContaining({ column: 'customer_id', used: true }));
    expect(line.flagged).toContainEqual(expect.objectContaining({ column: 'refund_amount', used: false }));
  });

  it('names a column that is not in the table', async () => {
    await expect(fit(table, { exclude: ['no_such_column'] })).rejects.toThrow('Column "no_such_column" in exclude is not in the table.');
  });
});
