/**
 * `silt automl`'s JSON carries what the dialog and the report say before any score: white wines of
 * quality 9 are 5 rows, so each of the 5 cross-validation folds trains on 4 of them and scores the
 * fifth. A script reading only the JSON must learn that the log loss includes rows no model could
 * learn, which split was used, and that no time column ordered it.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { automlCliJson } from '../../helpers/automlCli';
import { SHARED } from '../../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]): Promise<any> => automlCliJson(args);

describe('silt automl JSON', () => {
  it('names the classes validation scored but training lacked, and the split', async () => {
    const json = await cli([
      `${SHARED}/data/tabular/wine_quality_white.csv`,
      ...['--target', 'quality', '--task', 'multiclass', '--max-trials', '2', '--seed', '0'],
    ]);
    expect(json.split).toBe('validated by 5-fold cross-validation (rows shuffled)');
    expect(json.time_column).toBeNull();
    expect(json.unseen_classes).toEqual([{ label: '9', where: 'validation', scored_rows: 5, train_rows: 4 }]);
    expect(json.warnings[0]).toEqual({
      code: 'unseen-class',
      text: 'quality = 9 occurs 5 times in validation, only 4 times in training: too few for any model to learn it.',
    });
    expect(json.warnings[1].code).toBe('unseen-class-log-loss');
    expect(json.warnings[1].text).toMatch(/^Validation log_loss \S+ includes 5 rows of "9" scored by models that did not learn it/);
    // The score with and without those rows, in as many digits as it takes to tell them apart.
    const [, all, rest] = /^Validation log_loss (\S+) .* it is (\S+)\.$/.exec(json.warnings[1].text)!;
    expect(Number(all)).toBeCloseTo(json.validation_metric, 2);
    expect(all).not.toBe(rest);
  });

  it('names the time column a time split ordered rows by, the class it kept out of training, and the column set after the outcome', async () => {
    // 300 orders over 100 days; the newest 30 are "placed" and have no delivery date yet.
    const csv = join(dir, 'orders.csv');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT DATE '2024-01-01' + INTERVAL (i // 3) DAY AS order_date, (i * 37) % 101 + 1 AS amount,
        CASE WHEN i >= 270 THEN 'placed' WHEN (i * 37) % 101 + 1 > 50 THEN 'delivered' ELSE 'shipped' END AS status,
        CASE WHEN i < 270 AND (i * 37) % 101 + 1 > 50 THEN DATE '2024-01-05' + INTERVAL (i // 3) DAY END AS delivery_date
      FROM range(300) t(i) ORDER BY hash(i)) TO '${csv}' (HEADER)`);
    conn.closeSync();
    db.closeSync();
    const json = await cli([csv, '--target', 'status', '--max-trials', '2', '--seed', '0']);
    expect(json.time_column).toBe('order_date');
    expect(json.split).toMatch(/^time split on order_date/);
    expect(json.unseen_classes).toEqual([{ label: 'placed', where: 'validation', scored_rows: 30, train_rows: 0 }]);
    expect(json.warnings[0].text).toBe(
      'status = placed occurs only in the newest 10 % of rows (validation), never in training: no model can predict it; ' +
        'a time split on order_date puts all of them in validation.',
    );
    expect(json.flagged).toContainEqual(expect.objectContaining({ column: 'delivery_date', used: false }));
  });
});
