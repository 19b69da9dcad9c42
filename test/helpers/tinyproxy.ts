/**
 * Debian's tinyproxy, a real forward proxy (HTTP CONNECT tunnels, Basic auth), started on a free
 * 127.0.0.1 port with its own config and log, so a test can check that a request really went through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINYPROXY = '/usr/bin/tinyproxy';

export interface RunningProxy {
  /** `http://127.0.0.1:<port>` (with credentials when the proxy asks for them and `withAuth` is used). */
  url: string;
  port: number;
  logFile: string;
  /** The CONNECT targets the proxy tunnelled to so far (`127.0.0.1:51234`). */
  tunnels(): string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startTinyproxy(opts: { user?: string; password?: string } = {}): Promise<RunningProxy> {
  if (!existsSync(TINYPROXY)) throw new Error(`Proxy tests need tinyproxy at ${TINYPROXY} (apt-get install tinyproxy).`);
  const dir = mkdtempSync(join(tmpdir(), 'silt-tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  const conf = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${log}"`,
    'LogLevel Connect',
    'MaxClients 20',
    'Allow 127.0.0.1',
    ...(opts.user ? [`BasicAuth ${opts.user} ${opts.password}`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'tinyproxy.conf'), conf + '\n');
  const proc: ChildProcess = spawn(TINYPROXY, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  await waitForPort(port, proc);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logFile: log,
    tunnels: () => {
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
      return [...text.matchAll(/Request \(file descriptor \d+\): CONNECT (\S+) HTTP/g)].map((m) => m[1]);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

async function waitForPort(port: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`tinyproxy exited with ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('tinyproxy did not start listening within 5 s');
}
