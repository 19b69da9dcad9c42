/**
 * Runtime checks for messages that cross the WebSocket. Types vanish at run time; a malformed message
 * from a stale tab or a hostile page must be refused with a clear error, not crash the host.
 */
import type { RequestMessage, RequestType } from './messages';

const REQUEST_TYPES: ReadonlySet<string> = new Set<RequestType>([
  'hello', 'session.open', 'session.restart', 'session.interrupt', 'execute', 'result.page', 'session.names',
  'notebook.new', 'notebook.open', 'notebook.save', 'notebook.autosave', 'notebook.discardRecovery',
  'files.list', 'files.recent', 'catalog.tree', 'catalog.table', 'catalog.addProfile',
]);

export class ProtocolError extends Error {}

type Shape = Record<string, 'string' | 'number' | 'object' | 'string?' | 'number?' | 'object?'>;

/** The fields each request must carry (beyond them, extra fields are ignored). */
const PARAMS: Partial<Record<RequestType, Shape>> = {
  hello: { protocolVersion: 'number' },
  'session.open': { key: 'string' },
  'session.restart': { sessionId: 'string' },
  'session.interrupt': { sessionId: 'string' },
  execute: { sessionId: 'string', runId: 'string', cellId: 'string', language: 'string', code: 'string', name: 'string?' },
  'result.page': { sessionId: 'string', handle: 'string', offset: 'number', limit: 'number' },
  'session.names': { sessionId: 'string' },
  'notebook.open': { path: 'string' },
  'notebook.save': { path: 'string', notebook: 'object' },
  'notebook.autosave': { key: 'string', notebook: 'object' },
  'notebook.discardRecovery': { key: 'string' },
  'files.list': { dir: 'string?' },
  'catalog.tree': { sessionId: 'string' },
  'catalog.table': { sessionId: 'string', profile: 'string', share: 'string', schema: 'string', table: 'string' },
  'catalog.addProfile': { sessionId: 'string', source: 'string' },
};

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
  if (typeof msg.type !== 'string' || !REQUEST_TYPES.has(msg.type)) throw new ProtocolError(`unknown request type ${String(msg.type)}`);
  const params = msg.params ?? {};
  if (!isObject(params)) throw new ProtocolError(`${msg.type}: params must be an object`);
  checkShape(msg.type, params, PARAMS[msg.type as RequestType] ?? {});
  if (msg.type === 'execute' && params.language !== 'sql' && params.language !== 'typescript') {
    throw new ProtocolError(`execute: language must be "sql" or "typescript"`);
  }
  if (msg.type === 'result.page' && ((params.offset as number) < 0 || (params.limit as number) < 0 || (params.limit as number) > 10_000)) {
    throw new ProtocolError('result.page: offset must be ≥ 0 and limit between 0 and 10000');
  }
  return { kind: 'request', id: msg.id, type: msg.type as RequestType, params: params as never };
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
    const ok = want === 'object' ? isObject(value) : typeof value === want && (want !== 'number' || Number.isFinite(value));
    if (!ok) throw new ProtocolError(`${type}: ${field} must be a ${want}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
