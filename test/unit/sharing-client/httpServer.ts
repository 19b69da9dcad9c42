import type { SharingError } from '../../../kernel/sharing/client';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Seen, res: ServerResponse) => void | Promise<void>;

/** A small HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export async function startServer(handler: Handler): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const s = { method: req.method!, url: new URL(req.url!, 'http://x'), headers: req.headers, body };
      seen.push(s);
      try {
        await handler(s, res);
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function ndjson(res: ServerResponse, lines: unknown[], headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', ...headers });
  res.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

export function bearerProfile(url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ shareCredentialsVersion: 1, endpoint: `${url}/delta-sharing/`, bearerToken: 'sekrit-token-123', ...extra });
}

/** Fast retries so failing paths finish quickly. */
export const FAST = { retryBaseMs: 5, retryMaxMs: 2000, maxRetries: 3 };

/** The error a promise rejects with; fails the test if it resolves. */
export async function failure(p: Promise<unknown>): Promise<SharingError> {
  try {
    await p;
  } catch (e) {
    return e as SharingError;
  }
  throw new Error('expected a failure');
}
