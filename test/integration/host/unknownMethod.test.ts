/**
 * A request for a method nobody has, against a real `silt serve` over a real WebSocket and POST /rpc,
 * and against a real session process: refused as `unknown-method` with the method named (never a
 * token or a huge string echoed), a bad param named by its field, and the next request answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SessionProcess } from '../../../kernel/host/SessionProcess';
import { postRpc } from '../../helpers/hostAnswers';
import { ProtocolClient, ROOT, startHost, type RunningHost } from '../../helpers/startHost';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

let host: RunningHost;
let ws: WebSocket;
const answers = new Map<number, { ok: boolean; result?: unknown; error?: { code: string; message: string } }>();

beforeAll(async () => {
  host = await startHost();
  ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    if (m.kind === 'response') answers.set(m.id, m);
  });
});
afterAll(async () => {
  ws?.close();
  await host?.stop();
});

/** Sends a raw request (any type, any params) on the socket and waits for its answer. */
async function send(id: number, type: unknown, params: unknown = {}) {
  ws.send(JSON.stringify({ kind: 'request', id, type, params }));
  await expect.poll(() => answers.has(id), { timeout: 10_000 }).toBe(true);
  return answers.get(id)!;
}

describe('a made-up method over the WebSocket', () => {
  it('answers unknown-method naming it, and the host answers the next request', async () => {
    expect(await send(1, 'notebook.explode')).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-method',
        message:
          '"notebook.explode" is not a request known to the Silt host or its sessions; a window of another Silt version sends such requests: reload it.',
      },
    });
    expect(await send(2, 'files.recent')).toMatchObject({ ok: true });
  });

  it('names neither the host’s token nor a huge string sent as a method', async () => {
    const token = await send(3, host.token);
    expect(token.error?.code).toBe('unknown-method');
    expect(token.error?.message).not.toContain(host.token);
    const huge = await send(4, 'x'.repeat(200_000));
    expect(huge.error?.code).toBe('unknown-method');
    expect(huge.error!.message.length).toBeLessThan(200);
    expect(await send(5, 'files.recent')).toMatchObject({ ok: true });
  });

  it('names the field of params that fail their check', async () => {
    const client = await ProtocolClient.connect(host);
    const { sessionId } = await client.request('session.open', { key: 'unknown-method-test' });
    client.close();
    expect(await send(6, 'result.page', { sessionId, handle: 'h', offset: 0, limit: 'ten' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'result.page: limit must be a number' },
    });
  });
});

describe('a made-up method over POST /rpc', () => {
  it('answers unknown-method under its id, then the next request', async () => {
    const res = await postRpc(host, JSON.stringify({ kind: 'request', id: 9, type: 'session.teleport', params: {} }));
    expect(res.json).toMatchObject({
      id: 9,
      ok: false,
      error: { code: 'unknown-method', message: /^"session\.teleport" is not a request/ },
    });
    const next = await postRpc(host, JSON.stringify({ kind: 'request', id: 10, type: 'files.recent', params: {} }));
    expect(next.json).toMatchObject({ id: 10, ok: true });
  });
});

describe('a method a session process does not have', () => {
  it('answers unknown-method, even for a name Object has, and the session runs the next cell', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'silt-unknown-method-'));
    const proc = new SessionProcess(
      join(ROOT, 'dist', 'kernel', 'session', 'sessionMain.js'),
      { ...process.env, SILT_WORKSPACE: workspace, SILT_WARM: '0' },
      { onOutput: () => {}, onStatus: () => {} },
    );
    try {
      for (const method of ['cells.teleport', 'constructor']) {
        const e = await proc.call(method as never, {} as never).then(
          () => undefined,
          (err: { code: string; message: string }) => err,
        );
        expect(e, method).toMatchObject({
          code: 'unknown-method',
          message: new RegExp(`^"${method}" is not a request known to a Silt session`),
        });
      }
      const r = await proc.call('execute', { runId: 'r1', cellId: 'c1', language: 'sql', code: 'SELECT 42 AS answer' });
      expect(r.status).toBe('ok');
    } finally {
      await proc.kill();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
