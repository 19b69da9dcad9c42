/**
 * Runtime checks for messages that cross the WebSocket. Types vanish at run time; a malformed message
 * from a stale tab or a hostile page must be refused with a clear error, not crash the host.
 */
import { SiltError } from '../../common/SiltError';
import type { ErrorCode } from '../../common/errorCode';
import { unknownMethodMessage } from './unknownMethod';
import { isPlainObject, type Schema } from '../../common/schema';
import { CATALOG_PARAMS } from './catalog';
import { SETTINGS_PARAMS } from './settings';
import { STORAGE_PARAMS } from './storage';
import { QUALITY_PARAMS } from './quality';
import { CATALOG_PREVIEW_PARAMS } from './catalogPreview';
import { REPORT_PARAMS } from './report';
import { LIVE_PARAMS } from './live';
import { AUTOML_PARAMS } from './automl';
import { DATA_EXPORT_PARAMS } from './dataExport';
import { CHART_PARAMS } from './charts';
import { TYPESCRIPT_PARAMS } from './typescript';
import { VARIABLES_PARAMS } from './variables';
import { RESULT_PARAMS } from './results';
import { CORE_HOST_PARAMS, CORE_SESSION_PARAMS } from './messages';
import type { HostRequestType, Params, RequestMessage, RequestType, SessionRequestType } from './messages';

/** A refused message; `requestId` is set once the message had a usable id, so the refusal can answer it. */
export class ProtocolError extends SiltError {
  constructor(
    message: string,
    readonly requestId?: number,
    code: ErrorCode = 'bad-request',
  ) {
    super(code, message);
  }
}

/** Every request's params schema; the type check fails when a request has none or a stale one. */
type ParamsTable<T extends RequestType> = { [K in T]: Schema<Params<K>> };

/** The params of each host request (beyond the declared fields, extra fields are ignored). */
const HOST_PARAMS: ParamsTable<HostRequestType> = { ...CORE_HOST_PARAMS, ...REPORT_PARAMS, ...SETTINGS_PARAMS, ...STORAGE_PARAMS };

/** The same for requests the host forwards to a session; each feature's table is spread in here. */
const SESSION_PARAMS: ParamsTable<SessionRequestType> = {
  ...CORE_SESSION_PARAMS,
  ...CATALOG_PARAMS,
  ...CATALOG_PREVIEW_PARAMS,
  ...LIVE_PARAMS,
  ...AUTOML_PARAMS,
  ...DATA_EXPORT_PARAMS,
  ...CHART_PARAMS,
  ...TYPESCRIPT_PARAMS,
  ...VARIABLES_PARAMS,
  ...RESULT_PARAMS,
  ...QUALITY_PARAMS,
};

/** Whether the host forwards this request to the session named by its `sessionId`. */
export function isSessionRequest(type: RequestType): type is SessionRequestType {
  return Object.hasOwn(SESSION_PARAMS, type);
}

/** Whether the host answers this request itself. */
export function isHostRequest(type: RequestType): type is HostRequestType {
  return Object.hasOwn(HOST_PARAMS, type);
}

function schemaOf(type: string): Schema<unknown> | undefined {
  if (Object.hasOwn(HOST_PARAMS, type)) return HOST_PARAMS[type as HostRequestType];
  if (Object.hasOwn(SESSION_PARAMS, type)) return SESSION_PARAMS[type as SessionRequestType];
  return undefined;
}

/** Parse and check one client message; throws ProtocolError naming what is wrong. */
export function parseRequest(text: string): RequestMessage {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    throw new ProtocolError('message is not JSON');
  }
  if (!isPlainObject(msg) || msg.kind !== 'request') throw new ProtocolError('message is not a request');
  if (typeof msg.id !== 'number' || !Number.isInteger(msg.id)) throw new ProtocolError('request id must be an integer');
  return checkRequest(msg, msg.id);
}

function checkRequest(msg: Record<string, unknown>, id: number): RequestMessage {
  const schema = typeof msg.type === 'string' ? schemaOf(msg.type) : undefined;
  if (!schema) throw new ProtocolError(unknownMethodMessage(msg.type, 'the Silt host or its sessions'), id, 'unknown-method');
  const params = msg.params ?? {};
  if (!isPlainObject(params)) throw new ProtocolError(`${msg.type}: params must be an object`, id);
  const problem = schema.problem(params, '');
  if (problem) throw new ProtocolError(`${msg.type}: ${problem}`, id);
  return { kind: 'request', id, type: msg.type as RequestType, params: params as never };
}
