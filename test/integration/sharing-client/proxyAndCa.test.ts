/**
 * Corporate networks: a client behind a real forward proxy (Debian's tinyproxy, CONNECT tunnels and
 * Basic auth) reads shared tables through it when HTTPS_PROXY says so, and says plainly when the
 * proxy is down or wants credentials; a server whose certificate is signed by a company CA (a
 * throwaway CA made with openssl) is trusted once SILT_CA_FILE names that CA, and refused with a
 * message that says what to set before.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { freePort, startTinyproxy, type RunningProxy } from '../../helpers/tinyproxy';

let server: RunningSharingServer;
let proxy: RunningProxy;
let guarded: RunningProxy;

beforeAll(async () => {
  server = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }] }],
  });
  proxy = await startTinyproxy();
  guarded = await startTinyproxy({ user: 'analyst', password: 'pr0xy-s3cret' });
});
afterAll(async () => {
  await proxy?.stop();
  await guarded?.stop();
  await server?.close();
});

function client(env: NodeJS.ProcessEnv, endpoint = server.url): SharingClient {
  const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint, bearerToken: server.token });
  return SharingClient.fromProfile(profile, { env, maxRetries: 0 });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  return p.then(
    () => ({ code: 'none', message: 'it succeeded' }),
    (e: { code: string; message: string }) => e,
  );
}

describe('behind a forward proxy', () => {
  it('lists and reads a shared table through the proxy that HTTP_PROXY names', async () => {
    const c = client({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.invalid' });
    const before = proxy.tunnels().length;
    expect((await c.listShares()).map((s) => s.name)).toEqual(['lab']);
    const q = await c.queryTable({ share: 'lab', schema: 'default', table: 'simple' });
    expect(q.files.length).toBeGreaterThan(0);
    await c.close();
    expect(proxy.tunnels().slice(before)).toContain(`127.0.0.1:${server.port}`);
  });

  it('goes straight to this machine when NO_PROXY is not set, whatever the proxy', async () => {
    const before = proxy.tunnels().length;
    const c = client({ HTTP_PROXY: proxy.url });
    expect((await c.listShares()).map((s) => s.name)).toEqual(['lab']);
    await c.close();
    expect(proxy.tunnels().length).toBe(before);
  });

  it('says the proxy is unreachable, naming it, when nothing listens there', async () => {
    const port = await freePort();
    const c = client({ HTTP_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: 'example.invalid' });
    const e = await failure(c.listShares());
    await c.close();
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(
      new RegExp(`cannot reach the proxy 127\\.0\\.0\\.1:${port} \\(connection refused\\); check HTTP_PROXY and NO_PROXY`),
    );
  });

  it('asks for proxy credentials when the proxy wants them, and works with them without ever showing the password', async () => {
    const refused = client({ HTTP_PROXY: guarded.url, NO_PROXY: 'example.invalid' });
    const e = await failure(refused.listShares());
    await refused.close();
    expect(e.code).toBe('unauthorized');
    expect(e.message).toMatch(/through the proxy 127\.0\.0\.1:\d+: the proxy needs credentials: put them in HTTP_PROXY /);

    const withAuth = guarded.url.replace('http://', 'http://analyst:pr0xy-s3cret@');
    const ok = client({ HTTP_PROXY: withAuth, NO_PROXY: 'example.invalid' });
    expect((await ok.listShares()).map((s) => s.name)).toEqual(['lab']);
    const down = await failure(ok.listTables('lab', 'nope'));
    await ok.close();
    expect(down.message).not.toContain('pr0xy-s3cret');
  });
});

describe('a server signed by a company CA', () => {
  let dir: string;
  let front: Server;
  let endpoint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-ca-'));
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Silt Test Company CA',
    );
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    // TLS in front of the real sharing server, as a company's gateway would be.
    const to = new URL(server.url);
    front = createHttpsServer({ key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) }, (req, res) => {
      const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    endpoint = `https://127.0.0.1:${(front.address() as AddressInfo).port}${to.pathname}`;
  });
  afterAll(() => new Promise<void>((r) => (front ? front.close(() => r()) : r())));

  it('is refused with a message that says to set SILT_CA_FILE, without retrying', async () => {
    const c = client({}, endpoint);
    const e = await failure(c.listShares());
    await c.close();
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/the certificate of 127\.0\.0\.1 is signed by an authority this machine does not trust/);
    expect(e.message).toContain('set SILT_CA_FILE');
  });

  it('is trusted once SILT_CA_FILE names the CA, also through the proxy', async () => {
    const c = client({ SILT_CA_FILE: join(dir, 'ca.pem') }, endpoint);
    expect((await c.listShares()).map((s) => s.name)).toEqual(['lab']);
    await c.close();
    const before = proxy.tunnels().length;
    const viaProxy = client({ SILT_CA_FILE: join(dir, 'ca.pem'), HTTPS_PROXY: proxy.url, NO_PROXY: 'example.invalid' }, endpoint);
    expect((await viaProxy.listShares()).map((s) => s.name)).toEqual(['lab']);
    await viaProxy.close();
    expect(proxy.tunnels().length).toBeGreaterThan(before);
  });

  it('names a CA file that is missing or holds no certificate, in the requests that need it', async () => {
    // The client is still made (a session with this profile starts); each request says what is wrong.
    const missing = client({ SILT_CA_FILE: join(dir, 'nope.pem') }, endpoint);
    const e1 = await missing.listShares().catch((e: unknown) => e as SiltError);
    expect(e1).toBeInstanceOf(SiltError);
    expect((e1 as SiltError).code).toBe('bad-request');
    expect((e1 as SiltError).message).toMatch(/SILT_CA_FILE is .*nope\.pem, but it cannot be read: there is no such file/);
    await missing.close();
    const notPem = client({ SILT_CA_FILE: join(dir, 'ext.cnf') }, endpoint);
    await expect(notPem.listShares()).rejects.toThrow(/holds no PEM certificate/);
    await notPem.close();
  });
});
