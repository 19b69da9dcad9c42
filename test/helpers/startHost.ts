/**
 * Starts the built `silt serve` as a real process on a random port with a throwaway workspace and
 * data folder, and connects a protocol client over a real WebSocket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { EventMessage, Params, RequestType, Result, RunResult, ServerMessage } from '../../kernel/protocol';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'kernel', 'cli.js');

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  workspace: string;
  home: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `withDemo` also builds and serves the demo share (slower; only the tests about it need it). `home`
 * reuses an app data folder (kept on stop), as a restart of the app would; `env` adds variables.
 */
export async function startHost(
  extraArgs: string[] = [],
  opts: { withDemo?: boolean; home?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningHost> {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'silt-home-'));
  const workspace = join(home, 'workspace');
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--no-open', ...(opts.withDemo ? [] : ['--no-demo']), '--workspace', workspace, ...extraArgs],
    {
      env: { ...process.env, SILT_HOME: home, DISPLAY: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /^Silt is running at (\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`silt serve exited with ${code}: ${stderr}`)));
  });
  const u = new URL(url);
  return {
    url,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    workspace,
    home,
    child,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (!opts.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export class ProtocolClient {
  private nextId = 1;
  private pending = new Map<number, (m: ServerMessage) => void>();
  readonly events: EventMessage[] = [];
  /** Every frame received, as its text: what a test that looks for a leaked secret reads. */
  readonly frames: string[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.frames.push(String(d));
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.kind === 'response') this.pending.get(m.id)?.(m);
      else this.events.push(m);
    });
  }

  static async connect(host: RunningHost, headers: Record<string, string> = {}): Promise<ProtocolClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new ProtocolClient(ws);
  }

  request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        if (m.kind === 'response' && m.ok) resolve(m.result as Result<T>);
        else if (m.kind === 'response' && !m.ok) reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      });
      this.ws.send(JSON.stringify({ kind: 'request', id, type, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** A running host with a connected client and one open session: a test file's shared setup. */
export interface OpenSession {
  host: RunningHost;
  client: ProtocolClient;
  sessionId: string;
  close(): Promise<void>;
}

export async function openSession(key: string, args: string[] = [], opts: Parameters<typeof startHost>[1] = {}): Promise<OpenSession> {
  const host = await startHost(args, opts);
  const client = await ProtocolClient.connect(host);
  const { sessionId } = await client.request('session.open', { key });
  return {
    host,
    client,
    sessionId,
    async close() {
      client.close();
      await host.stop();
    },
  };
}

/** What a run showed as text, in order: streams, plain-text values and errors. */
export function runText(r: RunResult): string {
  return r.outputs
    .map((o) =>
      o.kind === 'rich' ? o.data['text/plain'] : o.kind === 'stream' ? o.text : o.kind === 'error' ? `${o.ename}: ${o.message}` : '',
    )
    .join('');
}
