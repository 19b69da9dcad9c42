/**
 * `POST /rpc`: one protocol request over HTTP, answered with the same response message the socket
 * would send. The window sends requests of more than a few MiB here (saving and autosaving a notebook
 * with big outputs, a report of one) instead of on the WebSocket, because a WebSocket message must
 * be held whole in memory and is capped by `maxPayload`, which used to kill the host. An HTTP body
 * streams in under its own, much higher cap, and a refusal is an ordinary 413 with a `too-large` error.
 * Events never travel here: they go to the socket that opened the session.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRequest, ProtocolError, type ServerMessage } from '../protocol';
import { errorInfo, SiltError } from '../../common/SiltError';
import { asTooLarge } from './asTooLarge';
import { handleRequest, type HostContext } from './handleRequest';
import { readBody } from './readBody';
import { knownSecrets } from '../protocol/knownSecrets';

export const RPC_PATH = '/rpc';

const noEvents = () => undefined;

/**
 * Requests that tie a session to the connection sending them: over HTTP there is no connection, and
 * a session opened here would count as in use forever.
 */
const CONNECTION_REQUESTS = new Set<string>(['session.open', 'session.close']);

export async function answerRpcPost(req: IncomingMessage, res: ServerResponse, ctx: HostContext, limit: number): Promise<void> {
  let id = -1;
  try {
    const body = await readBody(req, limit);
    const request = parseRequest(body);
    id = request.id;
    if (CONNECTION_REQUESTS.has(request.type)) {
      throw new SiltError('bad-request', `${request.type} belongs to a window's WebSocket connection; send it there.`);
    }
    const result = await handleRequest(ctx, request, noEvents);
    reply(res, 200, { kind: 'response', id, ok: true, result });
  } catch (e) {
    if (e instanceof ProtocolError && e.requestId !== undefined) id = e.requestId;
    const error = errorInfo(asTooLarge(e));
    reply(res, error.code === 'too-large' ? 413 : 200, { kind: 'response', id, ok: false, error });
  }
}

function reply(res: ServerResponse, status: number, message: ServerMessage): void {
  if (res.destroyed || res.headersSent) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (e) {
    const error = errorInfo(asTooLarge(e));
    status = error.code === 'too-large' ? 413 : 500;
    text = JSON.stringify({ kind: 'response', id: message.kind === 'response' ? message.id : -1, ok: false, error });
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(knownSecrets.text(text));
}
