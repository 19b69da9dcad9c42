import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunResult, TableOutput } from '../../../kernel/protocol';
import { startHost, type RunningHost } from '../../helpers/startHost';
import { TRANSPORTS, type TestClient, type TestHost } from '../../helpers/transports';

// The protocol behaves the same over every transport: each test runs over the WebSocket and in-process.
describe.each(TRANSPORTS.map((t) => [t.name, t] as const))('kernel host over %s', (_name, transport) => {
  let host: TestHost;
  let client: TestClient;
  let sessionId: string;
  let run = 0;

  function exec(language: 'sql' | 'typescript', code: string, name?: string): Promise<RunResult> {
    const runId = `r${++run}`;
    const cellId = `c${run}`;
    return client.request('execute', { sessionId, runId, cellId, language, code, ...(name ? { name } : {}) });
  }

  beforeAll(async () => {
    ({ host, client } = await transport.start());
    await client.request('hello', { protocolVersion: 1 });
    ({ sessionId } = await client.request('session.open', { key: 'test-notebook' }));
  });

  afterAll(async () => {
    client?.close();
    await host?.stop();
  });

  it('refuses a client speaking another protocol version', async () => {
    await expect(client.request('hello', { protocolVersion: 999 })).rejects.toThrow(/reload the window/);
  });

  it('answers a malformed request under its own id, so the caller hears why instead of waiting forever', async () => {
    // A missing field and a wrong type: each is refused with bad-request and the message names the field.
    await expect(client.request('result.page', { sessionId, handle: 'h', offset: 0 } as never)).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/missing limit/),
    });
    await expect(client.request('notebook.open', { path: 42 } as never)).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/path must be a string/),
    });
  });

  it('keeps the code of an error raised in the session: a result it no longer holds is not-found', async () => {
    const gone = client.request('result.page', { sessionId, handle: '__silt_result_gone', offset: 0, limit: 10 });
    const again = expect.stringMatching(/run the cell again/);
    await expect(gone).rejects.toMatchObject({ code: 'not-found', message: again });
    const unknown = client.request('session.names', { sessionId: 'no-such-session' });
    const reopen = expect.stringMatching(/session has ended; its variables are gone. Run a cell to start a new one/);
    await expect(unknown).rejects.toMatchObject({ code: 'session-gone', message: reopen });
  });

  it('answers a notebook that is not there with not-found, naming the path', async () => {
    const missing = client.request('notebook.open', { path: 'nowhere/gone.ipynb' });
    await expect(missing).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('gone.ipynb') });
  });

  it('runs SQL on DuckDB and pages a 10M-row result by handle', async () => {
    const r = await exec('sql', 'SELECT n, n * 2 AS twice FROM range(10000000) t(n)');
    expect(r.status).toBe('ok');
    const table = r.outputs[0] as TableOutput;
    expect(table.rowCount).toBe(10_000_000);
    expect(table.columns).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'twice', type: 'BIGINT' },
    ]);
    expect(table.rows.length).toBeLessThanOrEqual(200);
    const last = await client.request('result.page', { sessionId, handle: table.handle!, offset: 9_999_998, limit: 50 });
    expect(last.rows).toEqual([
      ['9999998', '19999996'],
      ['9999999', '19999998'],
    ]);
    const middle = await client.request('result.page', { sessionId, handle: table.handle!, offset: 5_000_000, limit: 2 });
    expect(middle.rows).toEqual([
      ['5000000', '10000000'],
      ['5000001', '10000002'],
    ]);
  });

  it('streams console output while a TypeScript cell runs and shows the last value', async () => {
    const before = client.events.length;
    const r = await exec('typescript', 'console.log("first")\nawait new Promise((r) => setTimeout(r, 50))\nconsole.log("second")\n6 * 7');
    expect(r.outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: 'first\n' },
      { kind: 'stream', name: 'stdout', text: 'second\n' },
      { kind: 'rich', data: { 'text/plain': '42' } },
    ]);
    const streamed = client.events.slice(before).filter((e) => e.type === 'run.output');
    expect(streamed.map((e) => (e.type === 'run.output' ? e.output.kind : ''))).toEqual(['stream', 'stream', 'rich']);
  });

  it('makes a named SQL result a DataFrame in TypeScript and a table in SQL', async () => {
    await exec('sql', "SELECT * FROM (VALUES ('Berlin', 10), ('Lyon', 32), ('Porto', 5)) t(city, amount)", 'sales');
    const ts = await exec('typescript', 'const total = sales["amount"].sum()\nconsole.log(sales.shape)\ntotal');
    expect(ts.outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: '[ 3, 2 ]\n' },
      { kind: 'rich', data: { 'text/plain': '47' } },
    ]);
    const arrow = await exec('typescript', 'sales.arrow.numRows');
    expect(arrow.outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '3' } }]);
    const sql = await exec('sql', 'SELECT city FROM sales WHERE amount > 8 ORDER BY city');
    expect((sql.outputs[0] as TableOutput).rows).toEqual([['Berlin'], ['Lyon']]);
  });

  it('registers a DataFrame and an array of objects as tables', async () => {
    await exec(
      'typescript',
      'const df = new dfd.DataFrame({ k: ["a", "b"], v: [1.5, 2.5] })\nawait register("from_df", df)\nawait register("from_rows", [{ x: 1 }, { x: 2 }, { x: 3 }])',
    );
    const r = await exec('sql', 'SELECT (SELECT sum(v) FROM from_df) AS s, (SELECT count(*) FROM from_rows) AS c');
    expect((r.outputs[0] as TableOutput).rows).toEqual([[4, '3']]);
  });

  it('shows a displayed DataFrame as a pageable grid', async () => {
    const r = await exec('typescript', 'display(new dfd.DataFrame({ a: [1, 2, 3] }))');
    const t = r.outputs[0] as TableOutput;
    expect(t.kind).toBe('table');
    expect(t.rowCount).toBe(3);
    const page = await client.request('result.page', { sessionId, handle: t.handle!, offset: 1, limit: 5 });
    expect(page.rows).toEqual([[2], [3]]);
  });

  it('reports SQL errors with the line in the cell', async () => {
    const r = await exec('sql', 'SELECT 1;\n\nSELEC 2');
    expect(r.status).toBe('error');
    expect(r.outputs[0]).toMatchObject({ kind: 'error', line: 3, message: expect.stringMatching(/syntax error/) });
  });

  it('reports TypeScript errors with the line in the cell', async () => {
    const r = await exec('typescript', 'const a = 1\nconst b: string = "x"\nb.nope.deeper');
    // Once the type checker is warm, its warning (line 3 too) comes before the error.
    expect(r.outputs.find((o) => o.kind === 'error')).toMatchObject({ kind: 'error', ename: 'TypeError', line: 3 });
  });

  it('cancels a long DuckDB query in under a second and keeps the variables', async () => {
    await exec('typescript', 'const keepMe = 123');
    const running = exec('sql', 'SELECT count(*) FROM range(100000000000) a');
    await new Promise((r) => setTimeout(r, 400));
    // Not restarted: it stopped within the interrupt's grace (1 s).
    const { restarted } = await client.request('session.interrupt', { sessionId });
    const r = await running;
    expect(restarted).toBe(false);
    expect(r.status).toBe('interrupted');
    expect((await exec('typescript', 'keepMe')).outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '123' } }]);
  });

  it('an Interrupt of live re-runs does not restart the session when another re-run starts during its grace', async () => {
    await exec('typescript', 'const keepLive = 7');
    const live = (language: 'sql' | 'typescript', code: string) =>
      client.request('execute', { sessionId, runId: `r${++run}`, cellId: `c${run}`, language, code, lane: 'live' });
    const stopped = live('sql', 'SELECT count(*) FROM range(100000000000) a');
    await new Promise((r) => setTimeout(r, 400));
    const interrupted = client.request('session.interrupt', { sessionId });
    // Another window's live re-run, sent after the Interrupt and running past its grace: it is not the
    // run that was stopped, so it must not make the host restart the session (and lose its variables).
    const later = live('typescript', 'await new Promise((r) => setTimeout(r, 2500));\n"later done"');
    expect((await interrupted).restarted).toBe(false);
    expect((await stopped).status).toBe('interrupted');
    expect((await later).outputs).toEqual([{ kind: 'rich', data: { 'text/plain': "'later done'" } }]);
    expect((await exec('typescript', 'keepLive')).outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '7' } }]);
  });

  it('stops while(true) by restarting the session and says so', async () => {
    const running = exec('typescript', 'while (true) {}');
    await new Promise((r) => setTimeout(r, 300));
    const { restarted } = await client.request('session.interrupt', { sessionId });
    expect(restarted).toBe(true);
    const r = await running;
    expect(r.status).toBe('interrupted');
    expect(r.outputs[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/restarted .* variables were lost/) });
    expect((await exec('sql', 'SELECT 1 AS ok')).status).toBe('ok');
  });

  it('survives a killed session process: the run says so, and a new session works', async () => {
    const { sessionId: sid } = await client.request('session.open', { key: 'crash-me' });
    const pidRun = await client.request('execute', {
      sessionId: sid,
      runId: 'p2',
      cellId: 'p2',
      language: 'typescript',
      code: 'process.pid',
    });
    const sessionPid = Number((pidRun.outputs[0] as { data: Record<string, string> }).data['text/plain']);
    expect(sessionPid).toBeGreaterThan(0);
    const running = client.request('execute', {
      sessionId: sid,
      runId: 'k',
      cellId: 'k',
      language: 'sql',
      code: 'SELECT count(*) FROM range(100000000000)',
    });
    await new Promise((r) => setTimeout(r, 300));
    execFileSync('kill', ['-9', String(sessionPid)]);
    const r = await running;
    expect(r.status).toBe('error');
    expect(r.outputs[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/killed.*start a new session/s) });
    const dead = client.events.find((e) => e.type === 'session.status' && e.sessionId === sid && e.status === 'dead');
    expect(dead).toBeTruthy();
    const { sessionId: fresh } = await client.request('session.open', { key: 'crash-me' });
    expect(fresh).not.toBe(sid);
    const ok = await client.request('execute', { sessionId: fresh, runId: 'n', cellId: 'n', language: 'sql', code: 'SELECT 41 + 1 AS x' });
    expect((ok.outputs[0] as TableOutput).rows).toEqual([[42]]);
  });

  it('saves atomically, reopens with outputs, and offers unsaved edits back after a crash', async () => {
    const notebook = {
      metadata: {},
      cells: [{ id: 'a', type: 'code' as const, language: 'sql' as const, source: 'select 1', outputs: [], executionCount: null }],
    };
    const saved = await client.request('notebook.save', { path: 'saved.ipynb', notebook });
    expect(saved.path).toBe(join(host.workspace, 'saved.ipynb'));
    expect(JSON.parse(readFileSync(saved.path, 'utf8')).nbformat_minor).toBe(5);
    const edited = { ...notebook, cells: [{ ...notebook.cells[0], source: 'select 2 -- unsaved' }] };
    await new Promise((r) => setTimeout(r, 20));
    await client.request('notebook.autosave', { key: saved.path, notebook: edited });
    const reopened = await client.request('notebook.open', { path: saved.path });
    expect(reopened.notebook.cells[0].source).toBe('select 1');
    expect(reopened.recovered?.cells[0].source).toBe('select 2 -- unsaved');
    await client.request('notebook.save', { path: saved.path, notebook: edited });
    expect((await client.request('notebook.open', { path: saved.path })).recovered).toBeUndefined();
    expect((await client.request('files.recent', {})).paths[0]).toBe(saved.path);
  });

  it('refuses to open a file that is not a notebook, and keeps working', async () => {
    const bad = join(host.workspace, 'bad.ipynb');
    execFileSync('sh', ['-c', `printf '{"nbformat": 3' > ${bad}`]);
    await expect(client.request('notebook.open', { path: bad })).rejects.toThrow(/not valid JSON/);
    expect(existsSync(bad)).toBe(true);
    expect((await exec('sql', 'SELECT 1')).status).toBe('ok');
  });
});

describe('the host refuses strangers', () => {
  let host: RunningHost;

  beforeAll(async () => {
    host = await startHost();
  });

  afterAll(async () => {
    await host?.stop();
  });

  it('answers 401 to HTTP requests without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(401);
    const ok = await fetch(host.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses WebSocket upgrades with a wrong token or from a foreign origin', async () => {
    const attempt = (url: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    expect(await attempt(`ws://127.0.0.1:${host.port}/ws?token=wrong`)).toBe(401);
    expect(await attempt(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { Origin: 'https://evil.example' })).toBe(403);
    expect(await attempt(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` })).toBe(101);
  });
});
