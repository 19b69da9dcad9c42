/**
 * The KernelClient over the host's WebSocket. Says `hello` first (the host refuses other protocol
 * versions), queues requests until then, and reconnects with backoff when the link drops; requests
 * in flight at a drop fail, since the host cannot answer them on a new socket.
 */
import type { EventMessage, Params, RequestType, Result, ServerMessage } from '../../kernel/protocol/messages';
import { PROTOCOL_VERSION } from '../../common/protocolVersion';
import { SiltError } from '../../common/SiltError';
import type { ConnectionStatus, KernelClient } from './KernelClient';
import { postRequest } from './postRequest';

/**
 * Requests longer than this (in UTF-16 units, so at most 3× in bytes: well under the socket's 64 MiB
 * cap) go by HTTP POST instead of the socket. Saving a notebook with big outputs is the usual case;
 * on the socket it would be one message held whole, and over the cap it would close the socket.
 */
export const HTTP_REQUEST_CHARS = 4 * 1024 * 1024;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class WebSocketKernelClient implements KernelClient {
  private socket: WebSocket | null = null;
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: { id: number; text: string }[] = [];
  private readonly eventListeners = new Set<(e: EventMessage) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private retryDelay = 250;
  status: ConnectionStatus = 'connecting';
  workspace: string | null = null;

  /** `POST /rpc` on the same host as the socket, for requests over HTTP_REQUEST_CHARS. */
  private readonly httpUrl: string;

  constructor(private readonly url: string) {
    const u = new URL('/rpc', url);
    u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
    this.httpUrl = u.toString();
    this.connect();
  }

  /** The socket next to the page that served us; the host's cookie authenticates it. */
  static forPage(): WebSocketKernelClient {
    const u = new URL('/ws', location.href);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    u.search = '';
    u.hash = '';
    return new WebSocketKernelClient(u.toString());
  }

  request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise<Result<T>>((resolve, reject) => {
      let text: string;
      try {
        text = JSON.stringify({ kind: 'request', id, type, params });
      } catch (e) {
        // Over V8's string limit (about 512 MiB): the window itself cannot put it into words.
        const why = (e as Error).message;
        return reject(new SiltError('too-large', `This ${type} request is too big to send (${why}).`));
      }
      if (text.length > HTTP_REQUEST_CHARS) {
        postRequest(this.httpUrl, text).then((m) => {
          if (m.ok) resolve(m.result as Result<T>);
          else reject(SiltError.fromInfo(m.error));
        }, reject);
        return;
      }
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      if (this.ready && this.socket) this.socket.send(text);
      else this.queue.push({ id, text });
    });
  }

  onEvent(cb: (event: EventMessage) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  onStatus(cb: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    for (const cb of this.statusListeners) cb(s);
  }

  private connect(): void {
    this.setStatus('connecting');
    const ws = new WebSocket(this.url);
    this.socket = ws;
    ws.onopen = () => this.sayHello(ws);
    ws.onmessage = (m) => this.receive(String(m.data));
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      // 1009: the host refused a message over its size limit and closed the socket (it stays up).
      const lost =
        ev.code === 1009
          ? new SiltError('too-large', 'The kernel refused a message over its size limit; the window reconnected.')
          : new SiltError('disconnected', 'The connection to the kernel was lost');
      this.socket = null;
      this.ready = false;
      for (const [id, p] of this.pending) {
        // Requests not yet sent stay queued for the next socket.
        if (!this.queue.some((q) => q.id === id)) {
          p.reject(lost);
          this.pending.delete(id);
        }
      }
      this.setStatus('closed');
      setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5000);
    };
  }

  private sayHello(ws: WebSocket): void {
    const id = this.nextId++;
    this.pending.set(id, {
      resolve: (r) => {
        this.workspace = (r as Result<'hello'>).workspace;
        this.ready = true;
        this.retryDelay = 250;
        for (const q of this.queue.splice(0)) ws.send(q.text);
        this.setStatus('open');
      },
      // Only a protocol mismatch is a refusal; a link that dropped before the answer reconnects by itself.
      reject: (e) =>
        console.error(
          e instanceof SiltError && e.code === 'protocol-version' ? 'Kernel refused the connection:' : 'Kernel hello failed:',
          e.message,
        ),
    });
    ws.send(JSON.stringify({ kind: 'request', id, type: 'hello', params: { protocolVersion: PROTOCOL_VERSION } }));
  }

  private receive(text: string): void {
    const msg = JSON.parse(text) as ServerMessage;
    if (msg.kind === 'event') {
      for (const cb of this.eventListeners) cb(msg);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(SiltError.fromInfo(msg.error));
  }
}
