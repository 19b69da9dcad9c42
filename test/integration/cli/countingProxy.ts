import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP forwarder on 127.0.0.1 that counts the requests a client makes, so a test can say how
 * many requests a failure cost. Everything else (status, headers, body) passes through untouched.
 */
export async function startCountingProxy(target: string): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  const to = new URL(target);
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    const up = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => n,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
