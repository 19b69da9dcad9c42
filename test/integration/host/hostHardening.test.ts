/**
 * Each input that used to kill the kernel host, against a real `silt serve` over real sockets: the
 * host refuses it with a clear status or close code and then answers the next request.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostAnswers, postRpc } from '../../helpers/hostAnswers';
import { frame, rawGet, rawHttp, rawWebSocket, upgradeRequest } from '../../helpers/rawSockets';
import { startHost, type RunningHost } from '../../helpers/startHost';

const BROKEN = '%E0%A4%A';
let host: RunningHost;
let log = '';

beforeAll(async () => {
  host = await startHost();
  host.child.stderr!.on('data', (d) => (log += d));
});

afterAll(async () => {
  await host?.stop();
});

/** A notebook whose one rich output is about `mb` megabytes. */
function bigNotebook(mb: number, source = 'select 1') {
  const blob = 'x'.repeat(mb * 1024 * 1024);
  return {
    metadata: {},
    cells: [
      {
        id: 'big',
        type: 'code' as const,
        language: 'sql' as const,
        source,
        executionCount: 1,
        outputs: [{ kind: 'rich' as const, data: { 'text/plain': 'big', 'application/x-blob': blob } }],
      },
    ],
  };
}

describe('cookies and paths that used to throw', () => {
  it('answers 401 to a broken silt_token cookie without a token, over HTTP and on the upgrade', async () => {
    expect((await rawGet(host.port, '/', { Cookie: `silt_token=${BROKEN}` })).status).toBe(401);
    expect((await rawHttp(host.port, upgradeRequest(host.port, '/ws', { Cookie: `silt_token=${BROKEN}` }))).status).toBe(401);
    expect(await hostAnswers(host)).toBe(true);
  });

  it('still finds a good token cookie next to a broken one', async () => {
    const res = await rawGet(host.port, '/', {
      Cookie: `other=${BROKEN}; silt_token=${encodeURIComponent(host.token)}`,
    });
    expect(res.status).toBe(200);
  });

  it('answers 400 to a path with a broken percent-escape', async () => {
    const res = await rawGet(host.port, `/${BROKEN}?token=${host.token}`);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/not a valid URL path/);
    expect(await hostAnswers(host)).toBe(true);
  });

  it('answers 400 to a request target that is not a path, and to a request Node cannot parse', async () => {
    expect((await rawGet(host.port, `//evil.example/?token=${host.token}`)).status).toBe(400);
    expect((await rawHttp(host.port, 'GET / HTTP/1.1\r\nHost: \x01\x02\r\nBad Header\r\n\r\n')).status).toBe(400);
    const huge = await rawGet(host.port, `/?token=${host.token}`, { Cookie: `silt_token=${'%E0'.repeat(8000)}` });
    expect(huge.status).toBe(431);
    expect(await hostAnswers(host)).toBe(true);
  });
});

describe('Host and Origin come before the token', () => {
  it('refuses a foreign Host (DNS rebinding) with 421 even with the token, and accepts its own names', async () => {
    expect((await rawGet(host.port, `/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await rawGet(host.port, `/?token=${host.token}`, { Host: '127.0.0.1:1' })).status).toBe(421);
    const noHost = await rawHttp(host.port, `GET /?token=${host.token} HTTP/1.0\r\n\r\n`);
    expect(noHost.status).toBe(421);
    const up = await rawHttp(host.port, upgradeRequest(host.port, `/ws?token=${host.token}`, { Host: `rebind.example:${host.port}` }));
    expect(up.status).toBe(421);
    expect((await rawGet(host.port, `/?token=${host.token}`, { Host: `localhost:${host.port}` })).status).toBe(200);
    expect((await rawGet(host.port, `/?token=${host.token}`, { Host: `[::1]:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin on the upgrade with 403 before looking at the token', async () => {
    const noToken = await rawHttp(host.port, upgradeRequest(host.port, '/ws', { Origin: 'http://127.0.0.1:9999' }));
    expect(noToken.status).toBe(403);
    const withToken = await rawHttp(host.port, upgradeRequest(host.port, `/ws?token=${host.token}`, { Origin: 'null' }));
    expect(withToken.status).toBe(403);
    const own = await rawHttp(host.port, upgradeRequest(host.port, `/ws?token=${host.token}`, { Origin: `http://localhost:${host.port}` }));
    expect(own.status).toBe(101);
  });
});

describe('WebSocket frames that used to kill the host', () => {
  const cases: [string, Buffer, number][] = [
    ['a text frame that is not UTF-8', frame(1, Buffer.from([0xc3, 0x28, 0xff])), 1007],
    ['a reserved opcode', frame(3, Buffer.from('hi')), 1002],
    ['an unmasked client frame', frame(1, Buffer.from('{}'), { mask: null }), 1002],
    ['reserved bits set', frame(1, Buffer.from('{}'), { rsv: 4 }), 1002],
    ['a length over the limit', frame(2, Buffer.alloc(0), { claimedLength: 2n ** 40n }), 1009],
  ];
  for (const [what, bytes, code] of cases) {
    it(`closes the socket on ${what} with ${code}, and the host answers`, async () => {
      const ws = await rawWebSocket(host.port, host.token);
      ws.socket.write(bytes);
      const closed = await ws.closed();
      expect(closed.timedOut).toBe(false);
      expect(closed.code).toBe(code);
      expect(await hostAnswers(host)).toBe(true);
    });
  }

  it('closes a socket that sends a 65 MiB message with 1009, and the window can reconnect', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.on('error', () => undefined);
    ws.send(
      JSON.stringify({
        kind: 'request',
        id: 1,
        type: 'notebook.save',
        params: { path: 'x.ipynb', notebook: bigNotebook(65) },
      }),
    );
    expect(await closed).toBe(1009);
    expect(await hostAnswers(host)).toBe(true);
  });

  it('answers a binary message as a bad request on the same socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
    await new Promise((r) => ws.once('open', r));
    const answer = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(JSON.parse(await answer)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/binary/) },
    });
    ws.close();
  });
});

describe('big notebooks are saved over HTTP', () => {
  it('saves and autosaves a 70 MB notebook by POST /rpc and reopens it with its outputs', async () => {
    const nb = bigNotebook(70);
    const saved = await postRpc(
      host,
      JSON.stringify({ kind: 'request', id: 7, type: 'notebook.save', params: { path: 'big.ipynb', notebook: nb } }),
    );
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      kind: 'response',
      id: 7,
      ok: true,
      result: { path: join(host.workspace, 'big.ipynb') },
    });
    const file = join(host.workspace, 'big.ipynb');
    expect(statSync(file).size).toBeGreaterThan(70 * 1024 * 1024);
    const edited = bigNotebook(70, 'select 2 -- unsaved');
    await new Promise((r) => setTimeout(r, 20));
    const auto = await postRpc(
      host,
      JSON.stringify({ kind: 'request', id: 8, type: 'notebook.autosave', params: { key: file, notebook: edited } }),
    );
    expect(auto.json).toMatchObject({ id: 8, ok: true });
    const recovery = readdirSync(join(host.home, 'recovery'));
    expect(recovery.some((f) => statSync(join(host.home, 'recovery', f)).size > 70 * 1024 * 1024)).toBe(true);
    const reopened = await postRpc(host, JSON.stringify({ kind: 'request', id: 9, type: 'notebook.open', params: { path: file } }));
    const r = (
      reopened.json as {
        result: { notebook: ReturnType<typeof bigNotebook>; recovered: ReturnType<typeof bigNotebook> };
      }
    ).result;
    expect(r.notebook.cells[0].outputs[0].data['application/x-blob'].length).toBe(70 * 1024 * 1024);
    expect(r.recovered.cells[0].source).toBe('select 2 -- unsaved');
    expect(await hostAnswers(host)).toBe(true);
  });

  it('refuses /rpc without the token, from a foreign origin, or not as JSON', async () => {
    const body = JSON.stringify({ kind: 'request', id: 1, type: 'hello', params: { protocolVersion: 1 } });
    expect((await postRpc(host, body, { Cookie: `silt_token=${BROKEN}` })).status).toBe(401);
    expect((await postRpc(host, body, { Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await postRpc(host, body, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await postRpc(host, body)).json).toMatchObject({ id: 1, ok: true, result: { protocolVersion: 1 } });
  });

  it('refuses a save whose notebook is malformed as bad-request naming the cell, and writes nothing', async () => {
    const notebook = {
      metadata: {},
      cells: [
        { id: 'a', type: 'markdown', source: 'ok' },
        { id: 'b', type: 'code' },
      ],
    };
    const body = JSON.stringify({
      kind: 'request',
      id: 11,
      type: 'notebook.save',
      params: { path: 'bad.ipynb', notebook },
    });
    const res = await postRpc(host, body);
    expect(res.json).toMatchObject({
      id: 11,
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/cell 2: source/) },
    });
    expect(existsSync(join(host.workspace, 'bad.ipynb'))).toBe(false);
  });

  it('refuses to open or close a session by POST /rpc: sessions belong to a socket', async () => {
    const open = JSON.stringify({ kind: 'request', id: 12, type: 'session.open', params: { key: 'http-session' } });
    const res = await postRpc(host, open);
    expect(res.json).toMatchObject({ id: 12, ok: false, error: { code: 'bad-request', message: /WebSocket/ } });
  });

  it('answers a malformed /rpc body with bad-request under its id', async () => {
    const res = await postRpc(host, JSON.stringify({ kind: 'request', id: 3, type: 'notebook.save', params: { path: 1 } }));
    expect(res.json).toMatchObject({ id: 3, ok: false, error: { code: 'bad-request' } });
    expect((await postRpc(host, '{"kind":')).json).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /not JSON/ },
    });
  });

  it('never writes the token to its log', async () => {
    expect(log).not.toContain(host.token);
    expect(log).toMatch(/closed a WebSocket/);
  });
});

describe('over the save limit', () => {
  let small: RunningHost;
  beforeAll(async () => {
    small = await startHost([], { env: { SILT_MAX_REQUEST_MB: '8' } });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it('answers too-large (413) with the sizes, writes nothing, and keeps answering', async () => {
    const body = JSON.stringify({
      kind: 'request',
      id: 4,
      type: 'notebook.save',
      params: { path: 'huge.ipynb', notebook: bigNotebook(12) },
    });
    const res = await postRpc(small, body);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringMatching(/13 MiB, over the 8 MiB/) },
    });
    expect(existsSync(join(small.workspace, 'huge.ipynb'))).toBe(false);
    expect(await hostAnswers(small)).toBe(true);
    const ok = await postRpc(
      small,
      JSON.stringify({
        kind: 'request',
        id: 5,
        type: 'notebook.save',
        params: { path: 'fits.ipynb', notebook: bigNotebook(6) },
      }),
    );
    expect(ok.json).toMatchObject({ ok: true });
    expect(readFileSync(join(small.workspace, 'fits.ipynb'), 'utf8').length).toBeGreaterThan(6 * 1024 * 1024);
  });
});
