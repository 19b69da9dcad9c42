/**
 * The KernelClient without a socket (a "local link"): each request goes as JSON text through the same
 * parsing and answering as a WebSocket message (`respond`), and answers and events come back through
 * JSON too, so params, results, events and errors are exactly what a window sees. Sessions are still
 * child processes. Like the WebSocket client it says `hello` first and rejects with SiltError.
 */
import { errorInfo, SiltError } from '../../common/SiltError';
import { PROTOCOL_VERSION } from '../../common/protocolVersion';
import type { EventMessage, Params, RequestType, ResponseMessage, Result } from '../protocol';
import type { ConnectionStatus, KernelClient } from '../protocol/KernelClient';
import { asTooLarge } from './asTooLarge';
import { knownSecrets } from '../protocol/knownSecrets';
import { respond, type HostContext } from './handleRequest';
import type { Listener } from './SessionRegistry';

/** A copy as the wire would deliver it: undefined fields dropped, no shared references, secrets masked. */
function overTheWire<T>(value: T): T {
  return JSON.parse(knownSecrets.text(JSON.stringify(value))) as T;
}

/** What a request gets once the link is closed, worded as the WebSocket client words a dropped socket. */
const lost = () => new SiltError('disconnected', 'The connection to the kernel was lost');

export class InProcessKernelClient implements KernelClient {
  status: ConnectionStatus = 'connecting';
  workspace: string | null = null;
  private nextId = 1;
  /** Requests not yet answered, by id: close() fails them, as a dropped socket does. */
  private readonly pending = new Map<number, (e: Error) => void>();
  private readonly eventListeners = new Set<(e: EventMessage) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly listener: Listener = (e) => {
    const event = overTheWire(e);
    for (const cb of this.eventListeners) cb(event);
  };
  /** Settles once the host accepted `hello`; requests wait for it, and fail as it failed. */
  private readonly ready: Promise<void>;

  constructor(private readonly ctx: HostContext) {
    this.ready = this.send('hello', { protocolVersion: PROTOCOL_VERSION }).then((r) => {
      this.workspace = r.workspace;
      this.setStatus('open');
    });
    // A refused hello is reported to each request that waits for it, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>> {
    await this.ready;
    return this.send(type, params);
  }

  onEvent(cb: (event: EventMessage) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  onStatus(cb: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  /** Ends the link: no more events, and requests still waiting fail with `disconnected`. */
  close(): void {
    this.ctx.sessions.unlisten(this.listener);
    for (const reject of this.pending.values()) reject(lost());
    this.pending.clear();
    this.setStatus('closed');
  }

  private async send<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>> {
    if (this.status === 'closed') throw lost();
    const id = this.nextId++;
    const closed = new Promise<never>((_, reject) => this.pending.set(id, reject));
    const m = await Promise.race([this.exchange(id, type, params), closed]);
    this.pending.delete(id);
    if (m.ok) return m.result as Result<T>;
    throw SiltError.fromInfo(m.error);
  }

  /** The request goes to `respond` as text and its answer comes back through text, as on the socket. */
  private async exchange(id: number, type: RequestType, params: unknown): Promise<ResponseMessage> {
    try {
      return overTheWire(await respond(this.ctx, JSON.stringify({ kind: 'request', id, type, params }), this.listener));
    } catch (e) {
      // Text that cannot be made (past V8's string limit) fails as the socket's does: too-large.
      return { kind: 'response', id, ok: false, error: errorInfo(asTooLarge(e)) };
    }
  }

  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    for (const cb of this.statusListeners) cb(s);
  }
}
