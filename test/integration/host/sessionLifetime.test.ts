/**
 * Sessions have a lifetime: a real `silt serve` with real session processes. Closing a notebook ends its
 * process unless another window still uses it; a session nobody used for the idle time ends (tests run it
 * in seconds), the window is told why, and a new one starts without a reload. A running cell is use.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import type { EventMessage, RunResult } from '../../../kernel/protocol';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI, ProtocolClient, runText, startHost, type RunningHost } from '../../helpers/startHost';
import { sessionPids } from '../../helpers/sessionProcesses';

const IDLE_SECONDS = 3;
let host: RunningHost;
let run = 0;
/** A shared Delta table, so a session can keep a live copy of it. */
let tables: string;
let server: RunningSharingServer;

function exec(client: ProtocolClient, sessionId: string, code: string, language: 'sql' | 'typescript' = 'typescript'): Promise<RunResult> {
  return client.request('execute', { sessionId, runId: `r${++run}`, cellId: `c${run}`, language, code });
}

async function connect(): Promise<ProtocolClient> {
  const c = await ProtocolClient.connect(host);
  await c.request('hello', { protocolVersion: 1 });
  return c;
}

function statusEvents(c: ProtocolClient, sessionId: string): Extract<EventMessage, { type: 'session.status' }>[] {
  return c.events.filter(
    (e): e is Extract<EventMessage, { type: 'session.status' }> => e.type === 'session.status' && e.sessionId === sessionId,
  );
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tables = mkdtempSync(join(tmpdir(), 'silt-lifetime-'));
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const writer = await DeltaWriter.create(join(tables, 'ticks'), { columns: [{ name: 'id', type: 'long' }] });
  await writer.appendFromQuery(conn, 'SELECT range AS id FROM range(10)');
  conn.closeSync();
  server = await startSharingServer({
    shares: [{ name: 'live', schemas: [{ name: 's', tables: [{ name: 'ticks', location: join(tables, 'ticks') }] }] }],
  });
  const profile = join(tables, 'live.share');
  writeProfile(profile, server.url, server.token);
  host = await startHost(['--session-idle-minutes', String(IDLE_SECONDS / 60), '--profile', profile]);
});
afterAll(async () => {
  await host?.stop();
  await server?.close();
  rmSync(tables, { recursive: true, force: true });
});

describe('session lifetime', () => {
  it('closing a notebook ends its process, but not while another window has it open', async () => {
    const a = await connect();
    const b = await connect();
    const before = sessionPids(host.child.pid!);
    const { sessionId } = await a.request('session.open', { key: 'shared.ipynb' });
    expect((await b.request('session.open', { key: 'shared.ipynb' })).sessionId).toBe(sessionId);
    await exec(a, sessionId, 'const kept = 41');
    const mine = sessionPids(host.child.pid!).filter((p) => !before.includes(p));
    expect(mine).toHaveLength(1);

    // Window A closes the notebook: B still uses the session, so its variables live on.
    expect(await a.request('session.close', { sessionId })).toEqual({ closed: false });
    expect(runText(await exec(b, sessionId, 'kept + 1'))).toBe('42');

    // B closes it too: the process is gone, and a late request says the notebook was closed.
    expect(await b.request('session.close', { sessionId })).toEqual({ closed: true });
    await waitFor(() => !sessionPids(host.child.pid!).includes(mine[0]), 5000);
    await expect(b.request('session.names', { sessionId })).rejects.toMatchObject({
      code: 'session-gone',
      message: expect.stringMatching(/closed/),
    });
    a.close();
    b.close();
  });

  it('an unused session ends after the idle time; the window hears why, and a new one starts without a reload', async () => {
    const c = await connect();
    const { sessionId } = await c.request('session.open', { key: 'idle.ipynb' });
    expect(runText(await exec(c, sessionId, 'const x = 1; x'))).toBe('1');
    const pids = sessionPids(host.child.pid!);

    await waitFor(() => statusEvents(c, sessionId).some((e) => e.status === 'dead'), (IDLE_SECONDS + 3) * 1000);
    const dead = statusEvents(c, sessionId).find((e) => e.status === 'dead')!;
    const notice = `This notebook's session ended after ${IDLE_SECONDS} idle seconds; its variables are gone. Run a cell to start a new one.`;
    expect(dead.message).toBe(notice);
    await waitFor(() => sessionPids(host.child.pid!).length < pids.length, 5000);

    // Requests for it fail with session-gone and the same reason; so does re-attaching after a reconnect.
    await expect(exec(c, sessionId, 'x')).rejects.toMatchObject({ code: 'session-gone', message: notice });
    await expect(c.request('session.open', { key: 'idle.ipynb', resume: sessionId })).rejects.toMatchObject({
      code: 'session-gone',
      message: notice,
    });

    // Opening the notebook's session again starts a fresh one on the same connection.
    const fresh = await c.request('session.open', { key: 'idle.ipynb' });
    expect(fresh.sessionId).not.toBe(sessionId);
    expect(runText(await exec(c, fresh.sessionId, 'typeof x'))).toBe("'undefined'");
    await c.request('session.close', { sessionId: fresh.sessionId });
    c.close();
  });

  it('a cell running longer than the idle time keeps its session, and so does a window that keeps using it', async () => {
    const c = await connect();
    const { sessionId } = await c.request('session.open', { key: 'busy.ipynb' });
    await exec(c, sessionId, 'const y = 7');
    const long = await exec(c, sessionId, `await new Promise((r) => setTimeout(r, ${(IDLE_SECONDS + 2) * 1000})); y * 6`);
    expect(runText(long)).toBe('42');
    // Light use (completion names) every second, for longer than the idle time.
    for (let i = 0; i < IDLE_SECONDS + 2; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await c.request('session.names', { sessionId });
    }
    expect(runText(await exec(c, sessionId, 'y'))).toBe('7');
    expect(statusEvents(c, sessionId).some((e) => e.status === 'dead')).toBe(false);
    await c.request('session.close', { sessionId });
    c.close();
  });

  it('a window whose connection dropped re-attaches to its session while it still runs', async () => {
    const first = await connect();
    const { sessionId } = await first.request('session.open', { key: 'reconnect.ipynb' });
    await exec(first, sessionId, 'const z = 5');
    first.close();
    const again = await connect();
    expect((await again.request('session.open', { key: 'reconnect.ipynb', resume: sessionId })).sessionId).toBe(sessionId);
    expect(runText(await exec(again, sessionId, 'z'))).toBe('5');
    await again.request('session.close', { sessionId });
    again.close();
  });

  it('a window back after its session crashed hears so, instead of silently getting a fresh session', async () => {
    const first = await connect();
    const before = sessionPids(host.child.pid!);
    const { sessionId } = await first.request('session.open', { key: 'crash.ipynb' });
    await exec(first, sessionId, 'const w = 1');
    first.close();
    const [pid] = sessionPids(host.child.pid!).filter((p) => !before.includes(p));
    process.kill(pid, 'SIGKILL');
    // Gone from /proc means the host reaped it, and with that heard its exit. Gone from `ps --ppid`'s
    // session list is earlier: a zombie the host has not reaped yet shows as "<defunct>" (a failure
    // under load: the host still had the session alive and resumed it).
    await waitFor(() => !existsSync(`/proc/${pid}`), 5000);
    const again = await connect();
    await expect(again.request('session.open', { key: 'crash.ipynb', resume: sessionId })).rejects.toMatchObject({
      code: 'session-gone',
      message: expect.stringMatching(/stopped \(its process exited\); its variables are gone/),
    });
    const fresh = await again.request('session.open', { key: 'crash.ipynb' });
    expect(runText(await exec(again, fresh.sessionId, 'typeof w'))).toBe("'undefined'");
    await again.request('session.close', { sessionId: fresh.sessionId });
    again.close();
  });

  it('a live table keeps its session past the idle time; once it is stopped the session ends', async () => {
    const c = await connect();
    const { sessionId } = await c.request('session.open', { key: 'live.ipynb' });
    await c.request('live.start', { sessionId, table: 'live.s.ticks', intervalMs: 60_000 });
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 2) * 1000));
    expect(statusEvents(c, sessionId).some((e) => e.status === 'dead')).toBe(false);
    await c.request('live.stop', { sessionId, table: 'live.s.ticks' });
    await waitFor(() => statusEvents(c, sessionId).some((e) => e.status === 'dead'), (IDLE_SECONDS + 3) * 1000);
    c.close();
  });

  it('a running AutoML search keeps its session until the search is done', async () => {
    const c = await connect();
    const { sessionId } = await c.request('session.open', { key: 'automl.ipynb' });
    const csv = `${SHARED}/data/tabular/penguins.csv`;
    const code = `SELECT * FROM read_csv_auto('${csv}')`;
    const named = await c.request('execute', {
      sessionId,
      runId: 'penguins',
      cellId: 'p',
      language: 'sql',
      code,
      name: 'penguins',
    });
    expect(named.status).toBe('ok');
    const budgetSeconds = IDLE_SECONDS + 3;
    const source = { handle: 'penguins' };
    const { jobId } = await c.request('automl.start', { sessionId, source, target: 'species', budgetSeconds, seed: 0 });
    const done = () => c.events.find((e) => e.type === 'automl.done' && e.jobId === jobId);
    await waitFor(() => done() !== undefined, (budgetSeconds + 20) * 1000);
    expect(statusEvents(c, sessionId).some((e) => e.status === 'dead')).toBe(false);
    expect(await c.request('automl.result', { sessionId, jobId })).toMatchObject({ target: 'species' });
    await c.request('session.close', { sessionId });
    c.close();
  });

  it('refuses an idle time that is not a number of minutes, saying what it expects', () => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--no-open', '--no-demo', '--session-idle-minutes', 'soon'], {
      encoding: 'utf8',
      env: { ...process.env, SILT_HOME: tables },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--session-idle-minutes must be a number of minutes (0 = never), not "soon"');
  });
});
