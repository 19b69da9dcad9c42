/**
 * Orders whose status does not depend on any column: the final model answers "delivered" (80 % of
 * the rows) for every row, so its accuracy, F1, precision and recall are those of always answering
 * it, the same run after run. `silt automl`'s JSON and its HTML report say so in words before any
 * score; a table the model does learn from (penguins' species) gets no such warning.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { automlCliJson } from '../../helpers/automlCli';
import { SHARED } from '../../helpers/shared';
import type { SessionNoticeBody, TableOutput } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]): Promise<any> => automlCliJson(args);

// Each column drawn from its own hash of the row number: none tells anything about the status.
const NOISE_ORDERS = `SELECT hash(i, 'amount') % 1000 AS amount, ['north','south','east','west'][(hash(i, 'region') % 4)::BIGINT + 1] AS region,
        hash(i, 'items') % 9 + 1 AS items,
        CASE WHEN hash(i, 'status') % 100 < 80 THEN 'delivered' WHEN hash(i, 'status') % 100 < 95 THEN 'shipped' ELSE 'cancelled' END AS status
      FROM range(600) t(i)`;

const BASELINE_CODES = ['predicts-one-class', 'no-better-than-baseline'];

describe('a model no better than the class frequencies', () => {
  it('is named in the JSON and the report when the status is independent of every column', async () => {
    const csv = join(dir, 'orders.csv');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (${NOISE_ORDERS}) TO '${csv}' (HEADER)`);
    const share = await conn.runAndReadAll(`SELECT round(100 * avg((status = 'delivered')::INT)) FROM '${csv}'`);
    const delivered = Number(share.getRows()[0][0]);
    conn.closeSync();
    db.closeSync();
    const html = join(dir, 'orders.html');
    const json = await cli([csv, '--target', 'status', '--max-trials', '4', '--seed', '0', '--report-out', html]);
    const warning = json.warnings.find((w: { code: string }) => w.code === 'predicts-one-class');
    expect(warning?.text).toMatch(
      /^The model predicts “delivered” for (every row|> 99 % of the rows): it has not learned to tell the classes apart from these columns; its accuracy \(\d+ %\) is that of always answering “delivered”\.$/,
    );
    // Always answering "delivered" is right for its share of the rows (80 % of them by construction).
    const accuracy = Number(/accuracy \((\d+) %\)/.exec(warning.text)![1]);
    expect(Math.abs(accuracy - delivered)).toBeLessThanOrEqual(1);
    const page = readFileSync(html, 'utf8');
    const at = page.indexOf('The model predicts “delivered”');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(page.indexOf('<h2>Metrics</h2>'));
    expect(page).toContain('The scores on validation come from a model that answers one class for (nearly) every row');
  });

  it('is not claimed of a model that tells penguin species apart', async () => {
    const json = await cli([`${SHARED}/data/tabular/penguins.csv`, '--target', 'species', '--max-trials', '4', '--seed', '0']);
    expect(json.validation_metric).toBeLessThan(0.3);
    expect(json.warnings.filter((w: { code: string }) => BASELINE_CODES.includes(w.code))).toEqual([]);
  });
});

describe('in a session', () => {
  it('reaches the report the dialog shows, with the leaderboard caption pointing to it', async () => {
    const notices: SessionNoticeBody[] = [];
    const session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
    try {
      const r = await session.execute({ runId: 'r1', language: 'sql', code: NOISE_ORDERS, name: 'orders' });
      const handle = (r.outputs[0] as TableOutput).handle!;
      const { jobId } = await sessionHandlers['automl.start'](session, { source: { handle }, target: 'status', budgetSeconds: 3, seed: 0 });
      for (let i = 0; i < 1000 && !notices.some((n) => n.type === 'automl.done' && n.jobId === jobId); i++)
        await new Promise((res) => setTimeout(res, 20));
      const report = await sessionHandlers['automl.result'](session, { jobId });
      expect(report.warnings.map((w) => w.code)).toContain('predicts-one-class');
      expect(report.notes.leaderboard).toBe('come from a model that answers one class for (nearly) every row');
    } finally {
      await session.engine.close();
    }
  });
});
