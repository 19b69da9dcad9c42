/**
 * What the UI (or a test) talks to: requests with typed results, events, and the state of the link.
 * Two implementations share it: the renderer's WebSocketKernelClient and the host's in-process one.
 */
import type { EventMessage, Params, RequestType, Result } from './messages';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface KernelClient {
  /** Rejects with a SiltError carrying the host's error code. */
  request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>>;
  /** Returns an unsubscribe function. */
  onEvent(cb: (event: EventMessage) => void): () => void;
  onStatus(cb: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
  /** The workspace folder the host reported in `hello`, once connected. */
  readonly workspace: string | null;
}
