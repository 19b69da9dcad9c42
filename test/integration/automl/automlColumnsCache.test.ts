/**
 * The Train dialog asks `automl.columns` again on every target change. The session reads the source
 * once and re-profiles those rows for each new target; it reads again only when the source may have
 * changed: a run ended since (for a result), or the shared table has a new version. Reads are counted
 * at the engine (every source is read through `readColumns`) and at the sharing resolve.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import type { TableOutput } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-columns-'));
const table = join(dir, 'customers');
let server: RunningSharingServer;
let session: Session;
let reads = 0;
let resolves = 0;

const ROWS = `SELECT (i * 37 % 101)::DOUBLE AS tenure, (i * 53 % 97)::DOUBLE AS spend, ['basic', 'plus', 'pro'][i % 3 + 1] AS plan,
  CASE WHEN (i * 37 % 101) < 30 AND (i * 53 % 97) > 40 THEN 'yes' ELSE 'no' END AS churned FROM range(400) t(i)`;

beforeAll(async () => {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const w = await DeltaWriter.create(table, {
    columns: [
      { name: 'tenure', type: 'double' },
      { name: 'spend', type: 'double' },
      { name: 'plan', type: 'string' },
      { name: 'churned', type: 'string' },
    ],
  });
  await w.appendFromQuery(conn, ROWS);
  conn.closeSync();
  server = await startSharingServer({
    shares: [{ name: 'crm', schemas: [{ name: 'gold', tables: [{ name: 'customers', location: table }] }] }],
  });
  const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
  session = await Session.create({ workspace: dir, emit: () => {}, profiles: [profile] });
  // Count, and pass on to the real engine and sharing resolve.
  const readColumns = session.engine.readColumns.bind(session.engine);
  session.engine.readColumns = (t) => (reads++, readColumns(t));
  const resolve = session.shared.resolve.bind(session.shared);
  session.shared.resolve = (sql, opts) => (resolves++, resolve(sql, opts));
});
afterAll(async () => {
  await session?.engine.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const columns = (source: { handle: string } | { table: string }, target?: string) =>
  sessionHandlers['automl.columns'](session, { source, ...(target ? { target } : {}) });
const names = (c: Awaited<ReturnType<typeof columns>>) => c.columns.map((x) => x.name);

describe('the columns the Train dialog shows, per target', () => {
  it('reads a result once across target changes, and again after a run rewrote it', async () => {
    const run = (code: string) => session.execute({ runId: `r${Math.random()}`, language: 'sql', code, name: 'customers' });
    const handle = ((await run(ROWS)).outputs[0] as TableOutput).handle!;
    const first = await columns({ handle }, 'churned');
    expect(reads).toBe(1);
    expect(first.target).toBe('churned');
    const second = await columns({ handle }, 'plan');
    const third = await columns({ handle }, 'tenure');
    expect([second.target, third.target]).toEqual(['plan', 'tenure']);
    // Each target's own profile: the target is not among its features.
    expect(second.columns.find((c) => c.name === 'plan')?.used).not.toBe(true);
    expect(reads).toBe(1);
    // Back to the first target: the same answer as when it was read.
    expect(await columns({ handle }, 'churned')).toEqual(first);
    expect(reads).toBe(1);

    // The cell runs again with a leak of the target: the next ask reads the new rows and flags it.
    await run(`SELECT *, churned = 'yes' AS churn_flag FROM (${ROWS})`);
    const after = await columns({ handle }, 'churned');
    expect(reads).toBe(2);
    expect(names(after)).toContain('churn_flag');
    expect(after.columns.find((c) => c.name === 'churn_flag')?.flag).toBeDefined();
  });

  it('reads a shared table once across target changes, and again once it has a new version', async () => {
    const [readsBefore, resolvesBefore] = [reads, resolves];
    await columns({ table: 'crm.gold.customers' }, 'churned');
    await columns({ table: 'crm.gold.customers' }, 'plan');
    await columns({ table: 'crm.gold.customers' }, 'spend');
    expect([reads - readsBefore, resolves - resolvesBefore]).toEqual([1, 1]);

    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await (await DeltaWriter.open(table)).appendFromQuery(conn, ROWS);
    conn.closeSync();
    await columns({ table: 'crm.gold.customers' }, 'plan');
    expect([reads - readsBefore, resolves - resolvesBefore]).toEqual([2, 2]);
  });

  it('a result and a shared table take turns without mixing their rows', async () => {
    const handle = 'customers';
    const local = await columns({ handle }, 'churned');
    const shared = await columns({ table: 'crm.gold.customers' }, 'churned');
    expect(names(local)).toContain('churn_flag');
    expect(names(shared)).not.toContain('churn_flag');
  });
});
