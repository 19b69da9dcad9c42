/**
 * What an analyst sees when a shared table cannot be read in `silt run`: a refused token, a server
 * that is not there, a table with a corrupt commit. Real parts throughout: the built CLI, our own
 * sharing server on 127.0.0.1 over a Spark-written table copied to a temp folder, real sockets.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI } from '../../helpers/startHost';
import { startCountingProxy } from './countingProxy';

const run = promisify(execFile);
const WRONG_TOKEN = 'wrong-token-0123456789abcdef';

let dir: string;
let server: RunningSharingServer;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-sharing-errors-'));
  cpSync(join(SHARED, 'data', 'delta', 'simple_table'), join(dir, 'good'), { recursive: true });
  cpSync(join(SHARED, 'data', 'delta', 'simple_table'), join(dir, 't'), { recursive: true });
  // Commit 3, line 2: cut the JSON short, as a disk or a half-finished copy would.
  const commit = join(dir, 't', '_delta_log', '00000000000000000003.json');
  const lines = readFileSync(commit, 'utf8').split('\n');
  lines[1] = lines[1].slice(0, 40);
  writeFileSync(commit, lines.join('\n'));
  server = await startSharingServer({
    shares: [
      {
        name: 'h',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 't', location: join(dir, 't'), historyShared: true },
              { name: 'good', location: join(dir, 'good'), historyShared: true },
            ],
          },
        ],
      },
    ],
  });
  proxy = await startCountingProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

function notebook(sql: string): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: 'code',
        id: 'c0',
        execution_count: null,
        outputs: [],
        source: sql,
        metadata: { silt: { language: 'sql' } },
      },
    ],
  });
}

function profile(name: string, endpoint: string, token: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}.share`);
  writeFileSync(path, JSON.stringify({ shareCredentialsVersion: 1, endpoint, bearerToken: token, ...extra }));
  return path;
}

/** Runs one SQL cell through the built `silt run`: exit code, stderr, the written notebook, seconds, requests. */
async function siltRun(name: string, sql: string, profilePath: string) {
  const input = join(dir, `${name}.ipynb`);
  writeFileSync(input, notebook(sql));
  const before = proxy.count();
  const started = Date.now();
  const r = await run(process.execPath, [CLI, 'run', input, '--profile', profilePath], { cwd: dir }).then(
    (ok) => ({ code: 0, stderr: ok.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const seconds = (Date.now() - started) / 1000;
  const written = readFileSync(input, 'utf8');
  const requests = proxy.count() - before;
  console.log(`silt run ${name}: exit ${r.code}, ${requests} requests, ${seconds.toFixed(1)} s`);
  return { ...r, seconds, written, requests };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('silt run on a shared table that cannot be read', () => {
  it('a refused token: names the profile and HTTP 401, fails fast, never prints the token', async () => {
    const path = profile('wrongtoken', `${proxy.url}/delta-sharing`, WRONG_TOKEN);
    const r = await siltRun('wrong-token', 'SELECT count(*) FROM h.default.good', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cell 1 \(sql\) failed: .*profile "wrongtoken".*the server refused the token \(HTTP 401\)/);
    // The cell's error is headed by the kind of failure (its code), not by a class name.
    expect(r.written).toMatch(/"ename":\s*"Access refused"/);
    expect(r.stderr).not.toMatch(/does not exist|NOT IMPLEMENTED/);
    expect(r.seconds).toBeLessThan(20);
    expect(r.requests).toBeLessThanOrEqual(3);
    for (const text of [r.stderr, r.written]) expect(text).not.toContain(WRONG_TOKEN);
  });

  it('a dead server: says it cannot connect to the address, within seconds, also with a WHERE', async () => {
    const port = await closedPort();
    const path = profile('dead', `http://127.0.0.1:${port}/delta-sharing`, WRONG_TOKEN);
    const r = await siltRun('dead-server', 'SELECT * FROM h.default.good WHERE id > 1', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`profile "dead".*cannot connect to 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
    expect(r.written).toMatch(/"ename":\s*"Server unreachable"/);
    expect(r.stderr).not.toMatch(/does not exist|NOT IMPLEMENTED/);
    expect(r.seconds).toBeLessThan(20);
    for (const text of [r.stderr, r.written]) expect(text).not.toContain(WRONG_TOKEN);
  });

  it('a corrupt commit: names the commit, the table and the file, not "retry later", and is not retried', async () => {
    const path = profile('h', `${proxy.url}/delta-sharing`, server.token);
    const r = await siltRun('corrupt', 'SELECT count(*) FROM h.default.t WHERE id > 1', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/commit 3 of h\.default\.t is corrupt \(.*_delta_log\/00000000000000000003\.json, line 2\)/);
    expect(r.stderr).not.toMatch(/retry later|internal server error/i);
    expect(r.written).toMatch(/"ename":\s*"Damaged data"/);
    expect(r.seconds).toBeLessThan(20);
    expect(r.requests).toBeLessThanOrEqual(6);
    for (const text of [r.stderr, r.written]) expect(text).not.toContain(server.token);
  });

  it('the same profile still reads a sound table, so the failures above are the table, not the setup', async () => {
    const path = profile('h', `${proxy.url}/delta-sharing`, server.token);
    const r = await siltRun('good', 'SELECT count(*) AS n FROM h.default.good', path);
    expect(r.stderr).toMatch(/Ran 1 cells/);
    expect(r.code).toBe(0);
  });

  it('warns on stderr, one line per profile, about a token that expires within 7 days or has expired', async () => {
    const soon = profile('soon', `${proxy.url}/delta-sharing`, server.token, {
      expirationTime: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const gone = profile('gone', `${proxy.url}/delta-sharing`, server.token, {
      expirationTime: '2020-01-01T00:00:00Z',
    });
    const later = profile('later', `${proxy.url}/delta-sharing`, server.token, {
      expirationTime: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const input = join(dir, 'expiry.ipynb');
    writeFileSync(input, notebook('SELECT 1'));
    const r = await run(process.execPath, [CLI, 'run', input, '--profile', soon, '--profile', gone, '--profile', later], { cwd: dir });
    const warnings = r.stderr.split('\n').filter((l) => /^silt: warning/.test(l));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/profile "soon" .*expires in [23] days/);
    expect(warnings[1]).toMatch(/profile "gone" .*expired on 2020-01-01/);
    expect(r.stderr).not.toContain(server.token);
  });
});
