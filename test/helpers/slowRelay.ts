/**
 * A reverse proxy on loopback that holds every pre-signed file download for a while before passing
 * it on: a slow object store in front of the real sharing server, so a test sees a download in
 * progress however fast this machine is. Everything else passes straight through.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SlowRelay {
  /** The relay's endpoint URL, to give the sharing server as its `publicUrl`. */
  url: string;
  /** Where the relay forwards to; set once the sharing server listens. */
  target: { port: number };
  close(): Promise<void>;
}

export async function startSlowRelay(fileDelayMs: number, endpointPath = '/delta-sharing'): Promise<SlowRelay> {
  const target = { port: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      if (/\/files\//.test(req.url ?? '')) await sleep(fileDelayMs);
      const out = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${endpointPath}`,
    target,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
