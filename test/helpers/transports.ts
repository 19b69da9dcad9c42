/**
 * The two ways a client reaches the kernel host, for protocol tests that must pass over both: the
 * built `silt serve` over a real WebSocket, and the host in this process through InProcessKernelClient.
 */
import type { EventMessage, Params, RequestType, Result } from '../../kernel/protocol';
import { startInProcessHost } from './inProcessHost';
import { ProtocolClient, startHost } from './startHost';

/** A connected client that keeps every event it received, in order. */
export interface TestClient {
  request<T extends RequestType>(type: T, params: Params<T>): Promise<Result<T>>;
  readonly events: EventMessage[];
  close(): void;
}

export interface TestHost {
  workspace: string;
  stop(): Promise<void>;
}

export interface Transport {
  name: string;
  start(): Promise<{ host: TestHost; client: TestClient }>;
}

export const TRANSPORTS: Transport[] = [
  {
    name: 'a real WebSocket',
    async start() {
      const host = await startHost();
      return { host, client: await ProtocolClient.connect(host) };
    },
  },
  {
    name: 'the in-process client',
    async start() {
      const { client, workspace, stop } = await startInProcessHost();
      const events: EventMessage[] = [];
      client.onEvent((e) => events.push(e));
      return {
        host: { workspace, stop },
        client: { request: (type, params) => client.request(type, params), events, close: () => client.close() },
      };
    },
  },
];
