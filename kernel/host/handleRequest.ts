/**
 * What the host does with a protocol message. Transport-free: the WebSocket server and the
 * in-process client (InProcessKernelClient) both hand it the message text and send back its answer.
 */
import { errorInfo, SiltError } from '../../common/SiltError';
import {
  isHostRequest,
  isSessionRequest,
  parseRequest,
  ProtocolError,
  type HostRequestType,
  type Params,
  type RequestMessage,
  type ResponseMessage,
  type Result,
  type SessionRequestType,
} from '../protocol';
import { asTooLarge } from './asTooLarge';
import type { HostContext } from './HostContext';
import { hostAnsweredSessionRequests, hostHandlers, type HostHandler } from './hostHandlers';
import type { Listener } from './SessionRegistry';

export type { HostContext };

/** One client message in, its response out; a refusal answers under the request's id when it had one. */
export async function respond(ctx: HostContext, text: string, listener: Listener): Promise<ResponseMessage> {
  let id = -1;
  try {
    const req = parseRequest(text);
    id = req.id;
    return { kind: 'response', id, ok: true, result: await handleRequest(ctx, req, listener) };
  } catch (e) {
    if (e instanceof ProtocolError && e.requestId !== undefined) id = e.requestId;
    return { kind: 'response', id, ok: false, error: errorInfo(asTooLarge(e)) };
  }
}

/** A checked request: answered by the host's table, or forwarded to the session it names. */
export async function handleRequest(ctx: HostContext, req: RequestMessage, listener: Listener): Promise<unknown> {
  if (!ctx.debug) return dispatch(ctx, req, listener);
  // --log-level debug: the request's type, outcome and time, never its params (code, paths, notebooks).
  const started = performance.now();
  const took = () => `${Math.round(performance.now() - started)} ms`;
  try {
    const result = await dispatch(ctx, req, listener);
    ctx.debug(`silt: ${String(req.type)} answered in ${took()}`);
    return result;
  } catch (e) {
    const { code, message } = errorInfo(e);
    ctx.debug(`silt: ${String(req.type)} failed in ${took()}: ${code}: ${message}`);
    throw e;
  }
}

function dispatch(ctx: HostContext, req: RequestMessage, listener: Listener): Promise<unknown> {
  if (isHostMessage(req)) return answer(ctx, req.type, req.params, listener);
  if (isSessionMessage(req)) return forward(ctx, req.type, req.params, listener);
  throw new SiltError('bad-request', `unknown request ${String(req.type)}`);
}

function isHostMessage(req: RequestMessage): req is RequestMessage<HostRequestType> {
  return isHostRequest(req.type);
}

function isSessionMessage(req: RequestMessage): req is RequestMessage<SessionRequestType> {
  return isSessionRequest(req.type);
}

/** Generic in the request type, so the table's handler takes exactly this request's params. */
function answer<K extends HostRequestType>(ctx: HostContext, type: K, p: Params<K>, l: Listener): Promise<Result<K>> {
  const handler: HostHandler<K> = hostHandlers[type];
  return handler(ctx, p, l);
}

/** The session gets the params without `sessionId`; its reply is the request's result. */
function forward<K extends SessionRequestType>(ctx: HostContext, type: K, p: Params<K>, l: Listener): Promise<Result<K>> {
  const own: HostHandler<K> | undefined = hostAnsweredSessionRequests[type];
  if (own) return own(ctx, p, l);
  const { sessionId, ...rest } = p;
  return ctx.sessions.get(sessionId).call(type, rest);
}
