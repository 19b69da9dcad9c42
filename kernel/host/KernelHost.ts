/**
 * The kernel host: HTTP for the built renderer, a WebSocket for the notebook protocol, one session
 * process per open notebook. Binds 127.0.0.1 only and refuses anything without the token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ProtocolError, type EventMessage, type ResponseMessage, type ServerMessage } from '../protocol';
import { COOKIE, newToken, presentedToken, sameToken } from './auth';
import { answerRpcPost, RPC_PATH } from './answerRpcPost';
import { hostAllowed, originAllowed } from './localOrigin';
import { parseRequestTarget } from './requestTarget';
import { redactSecrets } from './redactSecrets';
import { knownSecrets } from '../protocol/knownSecrets';
import { errorInfo } from '../../common/SiltError';
import { asTooLarge } from './asTooLarge';
import { respond, type HostContext } from './handleRequest';
import { NotebookStore } from './NotebookStore';
import { SessionProcess } from './SessionProcess';
import { SessionRegistry, type Listener } from './SessionRegistry';
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
  /** The largest request body `POST /rpc` reads; default MAX_REQUEST_BYTES. */
  maxRequestBytes?: number;
  /** Where the host's own log lines go (default stderr); every line is redacted first. */
  log?: (line: string) => void;
  /** Where a line per answered request goes (`--log-level debug`); none when absent. */
  debug?: (line: string) => void;
}

/**
 * The largest notebook (or other request) the window can hand over in one piece. V8 cannot hold a
 * string much over 512 MiB, and the host holds the body, its text and the parsed notebook at once;
 * 256 MiB leaves room for all three. Beyond it the user hears `too-large` and keeps a recovery copy.
 */
export const MAX_REQUEST_BYTES = 256 * 1024 * 1024;

export class KernelHost {
  readonly token: string;
  private server: Server;
  // Requests over a few MiB come by POST /rpc (answerRpcPost.ts); a bigger message here closes its socket with 1009.
  private wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  readonly ctx: HostContext;
  private readonly rendererDir: string;
  private port = 0;
  private readonly maxRequestBytes: number;
  readonly log: (line: string) => void;

  constructor(private readonly opts: KernelHostOptions) {
    this.token = opts.token ?? newToken();
    knownSecrets.add(this.token);
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
      ...(opts.debug ? { debug: opts.debug } : {}),
    };
    this.maxRequestBytes = opts.maxRequestBytes ?? MAX_REQUEST_BYTES;
    const write = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
    this.log = (line) => write(redactSecrets(line, this.token));
    this.server = createServer((req, res) => {
      this.http(req, res).catch((e) => {
        this.log(`silt: an HTTP request failed: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      try {
        this.upgrade(req, socket, head);
      } catch (e) {
        this.log(`silt: a WebSocket upgrade failed: ${(e as Error).message}`);
        socket.destroy();
      }
    });
    // A request Node cannot parse (bad headers, a torn request line) gets a 4xx, or nothing if the peer left.
    this.server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
      const status = CLIENT_ERROR_STATUS[e.code ?? ''] ?? '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    // Later server errors (out of file descriptors on accept, say) are logged; the sockets already open stay up.
    this.server.on('error', (e) => this.log(`silt: the HTTP server reported: ${e.message}`));
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

  /**
   * Order matters: Host first (DNS rebinding), then the target, then the token, then the route. Each
   * refusal names what was wrong and never throws.
   */
  private async http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, this.port)) {
      return plain(res, 421, `Silt answers only on 127.0.0.1:${this.port}.`);
    }
    const target = parseRequestTarget(req.url);
    if (!target) return plain(res, 400, 'The request path is not a valid URL path.');
    const token = presentedToken(req, target.url);
    if (!token || !sameToken(token, this.token)) {
      return plain(res, 401, 'Silt needs the token from the URL it printed at start-up.');
    }
    if (target.path === RPC_PATH) {
      if (req.method !== 'POST') return plain(res, 405, 'Use POST.');
      // A page on another origin could send a cookie-carrying POST; JSON also forces a CORS preflight we never answer.
      if (!originAllowed(req.headers.origin, this.port)) {
        return plain(res, 403, 'Requests must come from the Silt window.');
      }
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return plain(res, 415, 'Send the request as application/json.');
      }
      return answerRpcPost(req, res, this.ctx, this.maxRequestBytes);
    }
    if (target.url.searchParams.has('token')) {
      // Remember the token in a cookie so the page's own requests (scripts, styles, the socket) carry it.
      res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.');
    if (!serveStatic(this.rendererDir, target.path, res)) plain(res, 404, 'Not found');
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node drops its own error handler from an upgraded socket: a reset during a refusal would be uncaught.
    socket.on('error', () => socket.destroy());
    const refuse = (status: string) => {
      if (!socket.writable) return void socket.destroy();
      // Destroy once the answer is flushed: destroying at once could drop it, and the caller would see a reset.
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(req.headers.host, this.port)) return refuse('421 Misdirected Request');
    if (!originAllowed(req.headers.origin, this.port)) return refuse('403 Forbidden');
    const target = parseRequestTarget(req.url);
    if (!target) return refuse('400 Bad Request');
    if (target.path !== '/ws') return refuse('404 Not Found');
    const token = presentedToken(req, target.url);
    if (!token || !sameToken(token, this.token)) return refuse('401 Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connection(ws));
  }

  private connection(ws: WebSocket): void {
    // The one way out of this socket: answers and events alike are masked (knownSecrets) as text.
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(knownSecrets.text(JSON.stringify(m)));
    };
    const listener = (e: EventMessage) => {
      try {
        send(e);
      } catch (err) {
        this.log(`silt: an event could not be sent: ${(err as Error).message}`);
      }
    };
    ws.on('close', () => this.ctx.sessions.unlisten(listener));
    // Bad UTF-8, a reserved opcode, an unmasked frame or a message over maxPayload: ws closes this
    // socket with the matching code (1007, 1002, 1009) and reports it here; without a listener the
    // host would die of it.
    ws.on('error', (e) => this.log(`silt: closed a WebSocket: ${e.message}`));
    ws.on('message', (data, isBinary) => {
      this.message(data, isBinary, send, listener).catch((e) => {
        this.log(`silt: a request failed: ${(e as Error).message}`);
      });
    });
  }

  private async message(data: RawData, isBinary: boolean, send: (m: ServerMessage) => void, listener: Listener): Promise<void> {
    const answer: ResponseMessage = isBinary
      ? { kind: 'response', id: -1, ok: false, error: errorInfo(new ProtocolError('binary messages are not requests; send JSON text')) }
      : await respond(this.ctx, String(data), listener);
    try {
      send(answer);
    } catch (e) {
      // A result too big to send as one text (V8's string limit) is answered as too-large.
      send({ kind: 'response', id: answer.id, ok: false, error: errorInfo(asTooLarge(e)) });
    }
  }
}

/** Node's parser errors that have a more exact status than 400. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${knownSecrets.text(text)}\n`);
}
