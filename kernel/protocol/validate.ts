/**
 * Runtime checks for messages that cross the WebSocket. Types vanish at run time; a malformed message
 * from a stale tab or a hostile page must be refused with a clear error, not crash the host.
 */
import { SiltError } from '../../common/SiltError';
import { CATALOG_PARAMS } from './catalog';
import { REPORT_PARAMS } from './report';
import { LIVE_PARAMS } from './live';
import { AUTOML_PARAMS } from './automl';
import { DATA_EXPORT_PARAMS } from './dataExport';
import { CHART_PARAMS } from './charts';
import type { HostRequestType, RequestMessage, RequestType, SessionRequestType } from './messages';
import type { Shape } from './shape';
import { notebookProblem } from './checkNotebook';

/** A refused message; `requestId` is set once the message had a usable id, so the refusal can answer it. */
export class ProtocolError extends SiltError {
  constructor(
    message: string,
    readonly requestId?: number,
  ) {
    super('bad-request', message);
  }
}

/** The fields each host request must carry (beyond them, extra fields are ignored). */
const HOST_PARAMS: Record<HostRequestType, Shape> = {
  hello: { protocolVersion: 'number' },
  'session.open': { key: 'string', resume: 'string?' },
  'session.close': { sessionId: 'string' },
  'session.restart': { sessionId: 'string' },
  'session.interrupt': { sessionId: 'string' },
  execute: { sessionId: 'string', runId: 'string', cellId: 'string', language: 'string', code: 'string', name: 'string?' },
  'notebook.new': {},
  'notebook.open': { path: 'string' },
  'notebook.save': { path: 'string', notebook: 'object' },
  'notebook.autosave': { key: 'string', notebook: 'object' },
  'notebook.discardRecovery': { key: 'string' },
  'files.list': { dir: 'string?' },
  'files.recent': {},
  ...REPORT_PARAMS,
};

/** The same for requests the host forwards to a session; each feature's table is spread in here. */
const SESSION_PARAMS: Record<SessionRequestType, Shape> = {
  'result.page': { sessionId: 'string', handle: 'string', offset: 'number', limit: 'number' },
  'session.names': { sessionId: 'string' },
  'result.name': { sessionId: 'string', handle: 'string', name: 'string' },
  ...CATALOG_PARAMS,
  ...LIVE_PARAMS,
  ...AUTOML_PARAMS,
  ...DATA_EXPORT_PARAMS,
  ...CHART_PARAMS,
};

/** Whether the host forwards this request to the session named by its `sessionId`. */
export function isSessionRequest(type: RequestType): type is SessionRequestType {
  return Object.hasOwn(SESSION_PARAMS, type);
}

function shapeOf(type: string): Shape | undefined {
  return Object.hasOwn(HOST_PARAMS, type) ? HOST_PARAMS[type as HostRequestType] : Object.hasOwn(SESSION_PARAMS, type) ? SESSION_PARAMS[type as SessionRequestType] : undefined;
}

/** Parse and check one client message; throws ProtocolError naming what is wrong. */
export function parseRequest(text: string): RequestMessage {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    throw new ProtocolError('message is not JSON');
  }
  if (!isObject(msg) || msg.kind !== 'request') throw new ProtocolError('message is not a request');
  if (typeof msg.id !== 'number' || !Number.isInteger(msg.id)) throw new ProtocolError('request id must be an integer');
  try {
    return checkRequest(msg, msg.id);
  } catch (e) {
    throw e instanceof ProtocolError ? new ProtocolError(e.message, msg.id as number) : e;
  }
}

function checkRequest(msg: Record<string, unknown>, id: number): RequestMessage {
  const shape = typeof msg.type === 'string' ? shapeOf(msg.type) : undefined;
  if (!shape) throw new ProtocolError(`unknown request type ${JSON.stringify(msg.type) ?? 'undefined'}`);
  const params = msg.params ?? {};
  if (!isObject(params)) throw new ProtocolError(`${msg.type}: params must be an object`);
  checkShape(msg.type as string, params, shape);
  const notebook = params.notebook === undefined ? null : notebookProblem(params.notebook);
  if (notebook) throw new ProtocolError(`${msg.type}: the notebook ${notebook}`);
  if (msg.type === 'execute' && params.language !== 'sql' && params.language !== 'typescript') {
    throw new ProtocolError(`execute: language must be "sql" or "typescript"`);
  }
  if (msg.type === 'result.page' && ((params.offset as number) < 0 || (params.limit as number) < 0 || (params.limit as number) > 10_000)) {
    throw new ProtocolError('result.page: offset must be ≥ 0 and limit between 0 and 10000');
  }
  return { kind: 'request', id, type: msg.type as RequestType, params: params as never };
}

function checkShape(type: string, params: Record<string, unknown>, shape: Shape): void {
  for (const [field, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const want = optional ? spec.slice(0, -1) : spec;
    const value = params[field];
    if (value === undefined || value === null) {
      if (optional) continue;
      throw new ProtocolError(`${type}: missing ${field}`);
    }
    const ok =
      want === 'object' ? isObject(value) : want === 'array' ? Array.isArray(value) : typeof value === want && (want !== 'number' || Number.isFinite(value));
    if (!ok) throw new ProtocolError(`${type}: ${field} must be a ${want}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
