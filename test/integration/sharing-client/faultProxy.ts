import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query as the client sent them (proxy generation tag included). */
  url: URL;
  headers: IncomingMessage['headers'];
  /** The NDJSON response generation a file URL came from (1 = the first rewritten answer). */
  generation?: number;
  isFile: boolean;
}

/** What the proxy does to one request; undefined = pass it through unchanged. */
export type Fault =
  | { status: number; retryAfter?: string; body?: string }
  | { resetAfterBytes: number }
  | { ndjson: (lines: Record<string, any>[]) => Record<string, any>[] };

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the real sharing server. NDJSON answers
 * are rewritten so pre-signed URLs point back at the proxy (tagged with the answer's generation),
 * which lets a test break file downloads too.
 */
export async function startFaultProxy(target: string, decide: (req: ProxiedRequest) => Fault | undefined) {
  const targetUrl = new URL(target);
  const seen: ProxiedRequest[] = [];
  let generation = 0;
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, Buffer.concat(chunks), res));
  });
  async function handle(req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const url = new URL(req.url!, origin);
    const gen = url.searchParams.get('pgen');
    url.searchParams.delete('pgen');
    const info: ProxiedRequest = {
      method: req.method!,
      url: new URL(req.url!, origin),
      headers: req.headers,
      generation: gen ? Number(gen) : undefined,
      isFile: url.pathname.includes('/files/'),
    };
    seen.push(info);
    const fault = decide(info);
    if (fault && 'status' in fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      return void res.end(fault.body ?? JSON.stringify({ errorCode: 'INJECTED', message: `injected ${fault.status}` }));
    }
    const upstream = request({
      host: targetUrl.hostname,
      port: targetUrl.port,
      method: req.method,
      path: url.pathname + url.search,
      headers: { ...req.headers, host: targetUrl.host },
    });
    upstream.on('response', async (up) => {
      const type = String(up.headers['content-type'] ?? '');
      if (type.includes('ndjson')) {
        let text = '';
        for await (const c of up) text += c;
        const g = ++generation;
        text = text.replace(
          /"(https?:\/\/[^"]*\/files\/[^"?]*\?[^"]*)"/g,
          (_m, u: string) => `"${u.replace(targetUrl.origin, origin)}&pgen=${g}"`,
        );
        let lines = text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Record<string, any>);
        if (fault && 'ndjson' in fault) lines = fault.ndjson(lines);
        const headers = { ...up.headers };
        delete headers['content-length'];
        res.writeHead(up.statusCode!, headers);
        return void res.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      }
      res.writeHead(up.statusCode!, up.headers);
      if (fault && 'resetAfterBytes' in fault) {
        let sent = 0;
        for await (const c of up as AsyncIterable<Buffer>) {
          const room = fault.resetAfterBytes - sent;
          res.write(c.subarray(0, Math.max(0, room)));
          sent += c.length;
          if (sent >= fault.resetAfterBytes) {
            // Let the bytes reach the client, then cut the connection mid-file.
            setTimeout(() => res.socket?.destroy(), 30);
            up.destroy();
            return;
          }
        }
        return void res.end();
      }
      up.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    upstream.end(body);
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** The profile endpoint through the proxy. */
    url: origin + targetUrl.pathname,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
