/**
 * The kernel host: HTTP for the built renderer, a WebSocket for the notebook protocol, one session
 * process per open notebook. Binds 127.0.0.1 only and refuses anything without the token.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRequest, ProtocolError, type EventMessage, type ServerMessage } from '../protocol';
import { COOKIE, newToken, originAllowed, presentedToken, sameToken } from './auth';
import { errorInfo } from '../../common/SiltError';
import { handleRequest, type HostContext } from './handleRequest';
import { NotebookStore } from './NotebookStore';
import { SessionProcess } from './SessionProcess';
import { SessionRegistry } from './SessionRegistry';
import { DEFAULT_SESSION_IDLE_MINUTES } from './sessionIdle';
import { openSavedProfiles } from './profileRequests';
import { ProfileStore } from './ProfileStore';
import { SecretBox } from './secretBox';
import { serveStatic } from './staticFiles';

export interface KernelHostOptions {
  port?: number;
  token?: string;
  workspace: string;
  dataDir: string;
  rendererDir?: string;
  sessionEntry?: string;
  version?: string;
  /** Extra environment for session processes. */
  sessionEnv?: NodeJS.ProcessEnv;
  /** A session no window used for this long ends (default 30 minutes; 0 never). */
  sessionIdleMs?: number;
}

export class KernelHost {
  readonly token: string;
  private server: Server;
  private wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  readonly ctx: HostContext;
  private readonly rendererDir: string;
  private port = 0;

  constructor(private readonly opts: KernelHostOptions) {
    this.token = opts.token ?? newToken();
    this.rendererDir = opts.rendererDir ?? join(__dirname, '..', 'renderer');
    const { SILT_PROFILE_KEY: profileKey, ...inherited } = process.env;
    // The keychain key is for this process only: sessions get opened profiles, never the key.
    delete process.env.SILT_PROFILE_KEY;
    const env = { ...inherited, ...opts.sessionEnv, SILT_WORKSPACE: opts.workspace };
    const profiles = new ProfileStore(opts.dataDir, profileKey ? SecretBox.fromBase64(profileKey) : null);
    this.ctx = {
      sessions: new SessionRegistry(opts.sessionEntry ?? SessionProcess.defaultEntry(), env, {
        onStart: (proc) => openSavedProfiles(profiles, proc),
        idleMs: opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MINUTES * 60_000,
      }),
      store: new NotebookStore(opts.workspace, opts.dataDir),
      profiles,
      version: opts.version ?? '0.0.0',
    };
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = presentedToken(req, url);
      if (!token || !sameToken(token, this.token)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Silt needs the token from the URL it printed at start-up.\n');
        return;
      }
      if (url.searchParams.has('token')) {
        // Remember the token in a cookie so the page's own requests (scripts, styles, the socket) carry it.
        res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/`);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (!serveStatic(this.rendererDir, url.pathname, res)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      }
    });
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await this.ctx.sessions.closeAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = presentedToken(req, url);
    const refuse = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!token || !sameToken(token, this.token)) return refuse('401 Unauthorized');
    if (!originAllowed(req.headers.origin, this.port)) return refuse('403 Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connection(ws));
  }

  private connection(ws: WebSocket): void {
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const listener = (e: EventMessage) => send(e);
    ws.on('close', () => this.ctx.sessions.unlisten(listener));
    ws.on('message', async (data) => {
      let id = -1;
      try {
        const req = parseRequest(String(data));
        id = req.id;
        const result = await handleRequest(this.ctx, req.type, req.params, listener);
        send({ kind: 'response', id, ok: true, result });
      } catch (e) {
        if (e instanceof ProtocolError && e.requestId !== undefined) id = e.requestId;
        send({ kind: 'response', id, ok: false, error: errorInfo(e) });
      }
    });
  }
}
