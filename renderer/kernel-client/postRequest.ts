/**
 * One protocol request over HTTP (`POST /rpc` on the host), for requests too big for the socket:
 * the host streams the body in under a cap far above the WebSocket's, and answers with the same
 * response message. The page's token cookie authenticates it, as it does the socket.
 */
import type { ErrorCode } from '../../common/errorCode';
import type { ServerMessage } from '../../kernel/protocol/messages';
import { SiltError } from '../../common/SiltError';

type Response = Extract<ServerMessage, { kind: 'response' }>;

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too-large',
};

export async function postRequest(url: string, text: string): Promise<Response> {
  let res: globalThis.Response;
  let body: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
      credentials: 'same-origin',
    });
    body = await res.text();
  } catch (e) {
    // The link can drop before the request is sent or while the answer is read: either way, disconnected.
    throw new SiltError('disconnected', `The kernel could not be reached (${(e as Error).message}); try again once it is back.`);
  }
  try {
    const msg = JSON.parse(body) as ServerMessage;
    if (msg.kind === 'response') return msg;
  } catch {
    // Not a protocol answer (a refusal before the request was read): say what the status means.
  }
  throw new SiltError(STATUS_CODES[res.status] ?? 'internal', body.trim() || `The kernel answered HTTP ${res.status}.`);
}
