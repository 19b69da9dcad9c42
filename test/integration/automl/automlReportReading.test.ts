/**
 * The exported report read as an analyst reads it, from real fits through `silt automl`: the
 * headline score says which way is better and in what unit, the report says why rows were or were
 * not split by time, what the train and validation columns measure, on which rows the importances
 * were measured (training rows the model has seen, here), and in what unit the leaderboard's times are.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAutomlCli } from '../../../kernel/automl';
import { SHARED } from '../../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The report's words as a reader gets them: no markup, no charts' own text. */
async function reportText(data: string, target: string): Promise<string> {
  const out = join(dir, `${target}.html`);
  const code = await runAutomlCli(
    [data, '--target', target, '--max-trials', '2', '--seed', '0', '--report-out', out],
    () => {},
    () => {},
  );
  expect(code).toBe(0);
  return readFileSync(out, 'utf8')
    .replace(/<style>[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the AutoML report, read by an analyst', () => {
  it('says what the numbers of a regression on mpg mean', async () => {
    const text = await reportText(`${SHARED}/data/tabular/mpg.csv`, 'mpg');
    expect(text).toMatch(/Validation rmse of the final model: \S+ \(lower is better, in the units of mpg\)/);
    expect(text).toContain('No date or time column was found, so rows were shuffled');
    expect(text).toContain(
      'train: the final model scored on its own training rows (optimistic); validation: each row predicted by the fold models',
    );
    expect(text).toContain('rmse and mae are in the units of mpg');
    expect(text).toContain(
      "How much rmse worsens when one column's values are shuffled (a rise in rmse), measured on 398 training rows, which the model was fitted on",
    );
    expect(text).toMatch(/ train \(s\) +predict \(s\) /);
  });

  it('says the time column was taken from the data, so the reader can check it', async () => {
    const csv = join(dir, 'orders.csv');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT DATE '2024-01-01' + INTERVAL (i // 3) DAY AS order_date, (i * 37) % 101 + 1 AS amount,
        CASE WHEN (i * 37) % 101 + 1 > 50 THEN 'large' ELSE 'small' END AS size FROM range(300) t(i)) TO '${csv}' (HEADER)`);
    conn.closeSync();
    db.closeSync();
    const text = await reportText(csv, 'size');
    expect(text).toContain("order_date was taken as the rows' time from the data");
    expect(text).toContain("validation: each rolling fold's newer rows, predicted by models trained only on older rows");
    expect(text).toMatch(/Validation roc_auc of the final model: \S+ \(higher is better\)/);
  });

  it('names the date column it did not take as time, instead of saying there was none', async () => {
    const csv = join(dir, 'signups.csv');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    // Five distinct days: too few to order rows by.
    await conn.run(`COPY (SELECT DATE '2024-01-01' + INTERVAL (i % 5) DAY AS signup_day, (i * 37) % 101 + 1 AS amount,
        CASE WHEN (i * 37) % 101 + 1 > 50 THEN 'large' ELSE 'small' END AS size FROM range(300) t(i)) TO '${csv}' (HEADER)`);
    conn.closeSync();
    db.closeSync();
    const text = await reportText(csv, 'size');
    expect(text).toContain('signup_day did not look like when each row happened, so rows were shuffled');
    expect(text).not.toContain('No date or time column was found');
  });
});
