/**
 * A class only the newest rows have, through a real session (DuckDB result, worker pool, report):
 * the dialog's report and the exported HTML report both say, before any score, that the time split
 * kept it out of training and how much of the log loss it is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNoticeBody, TableOutput } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-unseen-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let handle: string;

// 300 orders over 100 days; the newest 30 (10 %) are "placed", not yet shipped.
const ORDERS = `SELECT DATE '2024-01-01' + INTERVAL (i // 3) DAY AS order_date, (i * 37) % 101 + 1 AS amount,
  CASE WHEN i >= 270 THEN 'placed' WHEN (i * 37) % 101 + 1 > 50 THEN 'delivered' ELSE 'shipped' END AS status
  FROM range(300) t(i) ORDER BY hash(i)`;

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
  const r = await session.execute({ runId: 'r1', language: 'sql', code: ORDERS, name: 'orders' });
  handle = (r.outputs[0] as TableOutput).handle!;
});
afterAll(async () => {
  await session?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a status only the newest orders have', () => {
  it('is named in the report and the exported HTML, with the time split as the cause', async () => {
    const { jobId } = await sessionHandlers['automl.start'](session, { source: { handle }, target: 'status', budgetSeconds: 2, seed: 0 });
    for (let i = 0; i < 1000 && !notices.some((n) => n.type === 'automl.done' && n.jobId === jobId); i++)
      await new Promise((r) => setTimeout(r, 20));
    const report = await sessionHandlers['automl.result'](session, { jobId });
    expect(report.split.timeColumn).toBe('order_date');
    expect(report.warnings[0]).toEqual({
      code: 'unseen-class',
      text:
        'status = placed occurs only in the newest 10 % of rows (validation), never in training: no model can predict it; ' +
        'a time split on order_date puts all of them in validation.',
    });
    expect(report.warnings[1].text).toMatch(
      /^Validation log_loss \S+ includes 30 rows of "placed" .*clipped at 1e-15, so the score stays finite/,
    );
    const html = readFileSync((await sessionHandlers['automl.exportReport'](session, { jobId, path: 'orders.html' })).path, 'utf8');
    const warning = html.indexOf('status = placed occurs only in the newest 10 % of rows');
    expect(warning).toBeGreaterThan(0);
    // Said before the first score table, not buried after it.
    expect(warning).toBeLessThan(html.indexOf('<h2>Metrics</h2>'));
  });
});
