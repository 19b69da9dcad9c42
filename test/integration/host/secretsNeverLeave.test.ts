/**
 * Secrets never leave, by construction: the host's token and the secrets of every profile a session
 * knows (added in the app, or loaded by a cell) are masked in every WebSocket frame, `POST /rpc`
 * answer and log line, against a real `silt serve`, a real session and a real sharing server. Each
 * case provokes an error or output that would carry a token, and the analyst still gets a coded error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../../common/SecretMask';
import type { Params, RunResult } from '../../../kernel/protocol';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { postRpc } from '../../helpers/hostAnswers';
import { SHARED } from '../../helpers/shared';
import { openSession, runText, type OpenSession } from '../../helpers/startHost';

/** The token of a profile only a cell loaded: the host never parsed it. */
const CELL_TOKEN = 'dapi-cellonly-5f0e1d2c3b4a59687766';
let sharing: RunningSharingServer;
let app: OpenSession;
let dir: string;
let logs = '';
let run = 0;

beforeAll(async () => {
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }] }],
  });
  app = await openSession('secrets', [], { home: mkdtempSync(join(tmpdir(), 'silt-secrets-home-')) });
  app.host.child.stderr!.on('data', (d) => (logs += d));
  app.host.child.stdout!.on('data', (d) => (logs += d));
  dir = mkdtempSync(join(tmpdir(), 'silt-secrets-'));
  const json = JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: sharing.token });
  await app.client.request('catalog.addProfile', { sessionId: app.sessionId, source: json, name: 'lab' });
});
afterAll(async () => {
  await app?.close();
  await sharing?.close();
});

function execute(language: 'sql' | 'typescript', code: string): Promise<RunResult> {
  const p: Params<'execute'> = { sessionId: app.sessionId, runId: `r${++run}`, cellId: `c${run}`, language, code };
  return app.client.request('execute', p);
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  return (await p.then(
    () => ({ code: 'ok', message: '' }),
    (e: { code: string; message: string }) => e,
  )) as { code: string; message: string };
}

describe('secrets never leave', () => {
  it('a cell that prints, throws or selects a profile’s token shows the mask, with its error still coded', async () => {
    const printed = await execute('typescript', `console.log('my token is ' + ${JSON.stringify(sharing.token)})`);
    expect(printed.status).toBe('ok');
    expect(runText(printed)).toBe(`my token is ${SECRET_MASK}\n`);

    const thrown = await execute('typescript', `throw new Error('the server refused ' + ${JSON.stringify(sharing.token)})`);
    expect(thrown.status).toBe('error');
    expect(runText(thrown)).toBe(`Error: the server refused ${SECRET_MASK}`);

    const selected = await execute('sql', `SELECT '${sharing.token}' AS t, 'also ?token=${encodeURIComponent(sharing.token)}' AS u`);
    expect(selected.status).toBe('ok');
    expect(JSON.stringify(selected)).toContain(`"${SECRET_MASK}"`);
    expect(JSON.stringify(selected)).toContain(`also ?token=${SECRET_MASK}`);
    // The profile still reads its table: masking is on the way out, never on the way to the server.
    const read = await execute('sql', 'SELECT count(*) AS n FROM lab.lab.default.simple');
    expect(read.status).toBe('ok');
  });

  it('a profile a cell loaded: a request to an endpoint that refuses connections, whose URL holds its token, and a refusal echoing it, are masked', async () => {
    const path = join(dir, 'cellonly.share');
    writeFileSync(
      path,
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: `http://127.0.0.1:9/${CELL_TOKEN}/delta-sharing`, bearerToken: CELL_TOKEN }),
    );
    const loaded = await execute('typescript', `await sharing.addProfile(${JSON.stringify(path)}, 'cellonly')`);
    expect(loaded.status).toBe('ok');

    const failed = await execute('sql', 'SELECT * FROM cellonly.lab.default.simple');
    expect(failed.status).toBe('error');
    expect(runText(failed)).toMatch(/profile "cellonly" could not list its tables: .*cannot connect to 127\.0\.0\.1:9/);
    // A cell that prints the whole error, with its causes, as an analyst debugging would.
    const inspected = await execute(
      'typescript',
      `try { await sharing.load('cellonly.lab.default.simple') } catch (e) { console.log(e, (e as Error).cause, { url: 'http://127.0.0.1:9/${CELL_TOKEN}' }) }`,
    );
    expect(runText(inspected)).toMatch(/unavailable|cannot connect/);
    expect(runText(inspected)).toContain(`http://127.0.0.1:9/${SECRET_MASK}`);

    // The host never parsed this profile: the session told it the secret, so its refusals hide it too.
    const echoed = await refusal(
      app.client.request('report.export', { format: CELL_TOKEN as 'html', path: 'x.html', notebook: { cells: [] } } as never),
    );
    expect(echoed.code).toBe('bad-request');
    expect(echoed.message).toBe(`report.export: Unknown report format "${SECRET_MASK}"; use one of html, md, pdf, ipynb`);
  });

  it('the host’s token: echoed in a path or a refused value, over the socket, POST /rpc and plain HTTP', async () => {
    const token = app.host.token;
    const missing = await refusal(app.client.request('notebook.open', { path: `/nowhere/${token}.ipynb` }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain(`/nowhere/${SECRET_MASK}.ipynb`);

    const body = JSON.stringify({ kind: 'request', id: 7, type: 'report.export', params: { format: token, path: 'x.html' } });
    const posted = await postRpc(app.host, body);
    expect(posted.json).toEqual({
      kind: 'response',
      id: 7,
      ok: false,
      error: { code: 'bad-request', message: `report.export: Unknown report format "${SECRET_MASK}"; use one of html, md, pdf, ipynb` },
    });
    const page = await fetch(`http://127.0.0.1:${app.host.port}/${token}/x?token=${token}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(token);
  });

  it('a cell’s console after its run is a log line of the host: masked there too', async () => {
    const late = await execute('typescript', `setTimeout(() => console.log('late ' + ${JSON.stringify(sharing.token)}), 20)`);
    expect(late.status).toBe('ok');
    await expect.poll(() => logs, { timeout: 10_000 }).toContain(`late ${SECRET_MASK}`);
  });

  it('a notebook whose cell holds a token is saved, and its recovery copy kept, with the mask in its place; the window is told', async () => {
    const cell = { id: 'c1', type: 'code', language: 'sql', source: `SELECT '${sharing.token}' AS t`, outputs: [], executionCount: null };
    const saved = await app.client.request('notebook.save', { path: 'pasted.ipynb', notebook: { metadata: {}, cells: [cell] } as never });
    expect(saved.secretsHidden).toBe(true);
    const file = readFileSync(saved.path, 'utf8');
    expect(file).not.toContain(sharing.token);
    expect(JSON.parse(file).cells[0].source.join('')).toBe(`SELECT '${SECRET_MASK}' AS t`);
    await app.client.request('notebook.autosave', { key: 'pasted', notebook: { metadata: {}, cells: [cell] } as never });
    const kept = await app.client.request('notebook.openRecovery', { key: 'pasted' });
    expect(kept.notebook.cells[0].source).toBe(`SELECT '${SECRET_MASK}' AS t`);
    // Reports too, in every text format.
    for (const format of ['html', 'md', 'ipynb'] as const) {
      const out = join(dir, `pasted.${format}`);
      await app.client.request('report.export', { format, path: out, notebook: { metadata: {}, cells: [cell] } as never });
      const text = readFileSync(out, 'utf8');
      expect(text, format).not.toContain(sharing.token);
      expect(text, format).toContain(SECRET_MASK);
    }
    // A notebook without one is saved as it is, and nothing is said.
    const plain = await app.client.request('notebook.save', {
      path: 'plain.ipynb',
      notebook: { metadata: {}, cells: [{ ...cell, source: 'SELECT 1' }] } as never,
    });
    expect(plain.secretsHidden).toBeUndefined();
    expect(readFileSync(plain.path, 'utf8')).toContain('SELECT 1');
  });

  it('no frame, answer or log line above carried any of the tokens', () => {
    const everything = [...app.client.frames, logs].join('\n');
    expect(app.client.frames.length).toBeGreaterThan(10);
    for (const secret of [sharing.token, CELL_TOKEN, app.host.token]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(encodeURIComponent(secret));
    }
  });
});
