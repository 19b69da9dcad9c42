/** What the UI talks to: requests with typed results, events, and the state of the link. */
import type { EventMessage, Params, RequestType, Result } from '../../kernel/protocol/messages';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface KernelClient {
  request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>>;
  /** Returns an unsubscribe function. */
  onEvent(cb: (event: EventMessage) => void): () => void;
  onStatus(cb: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
  /** The workspace folder the host reported in `hello`, once connected. */
  readonly workspace: string | null;
}
