import type { ServerResponse } from 'node:http';
import type { ErrorBody, ErrorCode } from '../errorBody';

/** An error that becomes an HTTP answer with the protocol's `{errorCode, message}` body. */
export class SharingHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SharingHttpError';
  }
}

export const badParam = (message: string) => new SharingHttpError(400, 'INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string) => new SharingHttpError(404, 'RESOURCE_DOES_NOT_EXIST', message);

/** Sends an error body, unless the answer has already started (then the stream is cut short). */
export function sendError(res: ServerResponse, err: SharingHttpError, withBody = true): void {
  if (res.headersSent) {
    res.destroy(err);
    return;
  }
  const body: ErrorBody = { errorCode: err.errorCode, message: err.message };
  const text = withBody ? JSON.stringify(body) : '';
  res.writeHead(err.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
