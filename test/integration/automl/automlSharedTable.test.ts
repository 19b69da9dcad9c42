/**
 * "Train a baseline model…" from the catalog: the source is a shared table name, which the session
 * loads through its sharing client from a real Delta Sharing server on 127.0.0.1.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import type { SessionNoticeBody } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-shared-'));
const notices: SessionNoticeBody[] = [];
let server: RunningSharingServer;
let session: Session;

beforeAll(async () => {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const w = await DeltaWriter.create(join(dir, 'customers'), {
    columns: [
      { name: 'tenure', type: 'double' },
      { name: 'spend', type: 'double' },
      { name: 'plan', type: 'string' },
      { name: 'churned', type: 'string' },
    ],
  });
  await w.appendFromQuery(
    conn,
    `SELECT (i * 37 % 101)::DOUBLE AS tenure, (i * 53 % 97)::DOUBLE AS spend, ['basic', 'plus', 'pro'][i % 3 + 1] AS plan,
    CASE WHEN (i * 37 % 101) < 30 AND (i * 53 % 97) > 40 THEN 'yes' ELSE 'no' END AS churned FROM range(400) t(i)`,
  );
  conn.closeSync();
  server = await startSharingServer({
    port: 0,
    bearerToken: 'automl-token',
    shares: [{ name: 'crm', schemas: [{ name: 'gold', tables: [{ name: 'customers', location: join(dir, 'customers') }] }] }],
  });
  const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: 'automl-token' });
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n), profiles: [profile] });
});
afterAll(async () => {
  await session?.engine.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AutoML on a shared table', () => {
  it('trains on the table by name and the notebook loads it with sharing.load', async () => {
    const { jobId } = await sessionHandlers['automl.start'](session, {
      source: { table: 'crm.gold.customers' },
      target: 'churned',
      budgetSeconds: 2,
      seed: 0,
    });
    const end = Date.now() + 20_000;
    while (!notices.some((n) => n.type === 'automl.done' && n.jobId === jobId) && Date.now() < end)
      await new Promise((r) => setTimeout(r, 25));
    expect(notices.find((n) => n.type === 'automl.done' && n.jobId === jobId)).toMatchObject({ status: 'done' });
    const report = await sessionHandlers['automl.result'](session, { jobId });
    expect(report).toMatchObject({ task: 'binary', rows: 400, variable: 'model_churned' });
    expect(report.validationScore).toBeGreaterThan(0.9);
    expect(report.cells.map((c) => c.source).join('\n')).toContain('await automl.table(await sharing.load("crm.gold.customers"))');
  });

  it('names an unknown shared table in its error', async () => {
    await expect(
      sessionHandlers['automl.start'](session, { source: { table: 'crm.gold.nope' }, target: 'churned', budgetSeconds: 2 }),
    ).rejects.toThrow('No shared table crm.gold.nope in the open profiles');
  });
});
