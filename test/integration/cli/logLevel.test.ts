/**
 * `--log-level` on the real `silt run` and `silt serve`: the default prints what it always did, error
 * keeps only failures, debug adds settings and each cell's time; no level ever writes a token.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../helpers/startHost';

const exec = promisify(execFile);
const SECRET = 'dapiQ7secretTokenValue123';

function notebook(cells: { language: 'sql' | 'typescript'; source: string }[]) {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      execution_count: null,
      outputs: [],
      source: c.source,
      metadata: { silt: { language: c.language } },
    })),
  });
}

/** stderr and the exit code of `silt run`, failing or not. */
async function siltRun(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return exec(process.execPath, [CLI, 'run', ...args], { cwd }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

describe('silt run --log-level', () => {
  const dir = mkdtempSync(join(tmpdir(), 'silt-log-'));
  writeFileSync(
    join(dir, 'ok.ipynb'),
    notebook([
      { language: 'sql', source: 'SELECT 42 AS answer' },
      { language: 'typescript', source: 'console.log("hi")' },
      { language: 'sql', source: 'SELECT count(*) FROM range(1000)' },
    ]),
  );
  // A failure whose message carries a credential, as an HTTP library's error might.
  writeFileSync(
    join(dir, 'bad.ipynb'),
    notebook([
      { language: 'sql', source: 'SELECT 1' },
      { language: 'typescript', source: `throw new Error("request with Authorization: Bearer ${SECRET} was refused")` },
    ]),
  );

  it('prints the summary by default, nothing at warn or error when all goes well', async () => {
    const summary = `Ran 3 cells; wrote ${join(dir, 'out.ipynb')}.`;
    expect(await siltRun(['ok.ipynb', '--out', 'out.ipynb'], dir)).toEqual({ code: 0, stderr: `${summary}\n` });
    for (const level of ['warn', 'error']) {
      expect(await siltRun(['ok.ipynb', '--out', 'out.ipynb', '--log-level', level], dir)).toEqual({ code: 0, stderr: '' });
    }
  });

  it('adds the settings and every code cell’s time at debug', async () => {
    const r = await siltRun(['ok.ipynb', '--out', 'out.ipynb', '--log-level', 'debug', '-p', 'token=x'], dir);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`silt run ${join(dir, 'ok.ipynb')}: workspace ${dir}; 0 profile(s); writes ${join(dir, 'out.ipynb')}`);
    // Parameter names only: a value may be a secret.
    expect(lines).toContain('parameters: token');
    // One line per code cell of the notebook written, the injected parameters cell included.
    const written = JSON.parse(readFileSync(join(dir, 'out.ipynb'), 'utf8')) as { cells: { cell_type: string }[] };
    const codeCells = written.cells.filter((c) => c.cell_type === 'code').length;
    expect(codeCells).toBeGreaterThan(3);
    const timed = lines.filter((l) => /^Cell \d+ \((sql|typescript)\) ran in \d+ ms$/.test(l));
    expect(timed.map((l) => Number(/^Cell (\d+)/.exec(l)![1]))).toEqual(Array.from({ length: codeCells }, (_, i) => i + 1));
    expect(lines.at(-1)).toMatch(new RegExp(`^Ran ${codeCells} cells`));
  });

  it('keeps the failure at error level, with the token in its message redacted', async () => {
    // Upper case is read as well: a scheduler's config may shout.
    const r = await siltRun(['bad.ipynb', '--out', 'out.ipynb', '--log-level', 'ERROR'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cell 2 (typescript) failed: Error: request with Authorization: Bearer [redacted] was refused');
    expect(r.stderr).toContain('Outputs up to the failure were written to');
    expect(r.stderr).not.toContain(SECRET);
  });

  it('refuses an unknown level before running anything', async () => {
    const r = await siltRun(['ok.ipynb', '--out', 'never.ipynb', '--log-level', 'loud'], dir);
    expect(r).toEqual({ code: 2, stderr: 'silt: --log-level takes error, warn, info or debug, not "loud"\n' });
  });
});

/** Starts `silt serve` and returns its stderr once the debug settings lines (or the URL, at other levels) are out. */
async function serveStderr(level: string, home: string): Promise<{ url: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--no-demo', '--workspace', join(home, 'ws'), '--log-level', level], {
    env: { ...process.env, SILT_HOME: home, SILT_TOKEN: SECRET, DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /Silt is running at (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`silt serve exited with ${code}: ${stderr}`)));
    });
    // Two protocol requests by POST /rpc: one answered, one refused (a notebook that is not there).
    const rpc = new URL('/rpc', url);
    rpc.searchParams.set('token', SECRET);
    for (const [id, type, params] of [
      [1, 'hello', { protocolVersion: 1 }],
      [2, 'notebook.open', { path: 'gone.ipynb' }],
    ] as const) {
      const body = JSON.stringify({ kind: 'request', id, type, params });
      expect((await fetch(rpc, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status).toBe(200);
    }
    // A request with a wrong token makes the host answer 401; it logs nothing about it, and that
    // request finishing is the event that says every line before it was written.
    await fetch(url.replace(SECRET, 'wrong'));
    return { url, stderr };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('silt serve --log-level', () => {
  it('shows its folders, settings and a line per request at debug, never the token, and nothing at warn', async () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-log-serve-'));
    const debug = await serveStderr('debug', home);
    expect(debug.url).toContain(SECRET); // the URL on stdout is the product; the logs are not
    expect(debug.stderr).toContain(`workspace ${join(home, 'ws')}; app data ${home}; 0 profile(s)`);
    expect(debug.stderr).toMatch(/sessions end after 30 unused minute\(s\)/);
    expect(debug.stderr).not.toContain(SECRET);
    // A line per request: its type, outcome and time; never its params.
    expect(debug.stderr).toMatch(/^silt: hello answered in \d+ ms$/m);
    expect(debug.stderr).toMatch(/^silt: notebook\.open failed in \d+ ms: not-found: .*gone\.ipynb/m);
    const info = await serveStderr('info', home);
    expect(info.stderr).not.toMatch(/answered in/);
    const warn = await serveStderr('warn', home);
    expect(warn.stderr).toBe('');
  });
});
