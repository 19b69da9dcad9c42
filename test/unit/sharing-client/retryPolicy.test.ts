/**
 * The one retry policy (kernel/sharing/client/retryPolicy.ts), counted against a real HTTP server on
 * 127.0.0.1: how many requests each kind of failure costs, and how long, with the default limits a
 * user gets. Retries used to be nested, so a page that could not be read cost 36 requests.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SharingClient } from '../../../kernel/sharing/client';
import { MAX_ATTEMPTS, MAX_ATTEMPTS_UNREACHABLE } from '../../../kernel/sharing/client/retryPolicy';
import { bearerProfile, failure, json, ndjson, startServer } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
async function serve(handler: Parameters<typeof startServer>[0]) {
  const s = await startServer(handler);
  closers.push(s.close);
  return s;
}
function clientFor(url: string, opts = {}) {
  const c = SharingClient.fromProfile(bearerProfile(url), opts);
  closers.push(() => c.close());
  return c;
}
const ref = { share: 's', schema: 'd', table: 't' };

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await p;
  return { value, ms: Date.now() - t0 };
}

describe('retry policy: attempts per failure kind', () => {
  it.each([
    [401, 'UNAUTHENTICATED', 'unauthorized', /the server refused the token \(HTTP 401\)/],
    [403, 'PERMISSION_DENIED', 'forbidden', /refused access \(HTTP 403\)/],
    [404, 'RESOURCE_DOES_NOT_EXIST', 'not-found', /not found \(HTTP 404\)/],
    [400, 'INVALID_PARAMETER_VALUE', 'bad-request', /HTTP 400/],
    [400, 'CORRUPT_TABLE', 'corrupt', /the table is corrupt \(HTTP 400\)/],
  ])('HTTP %i %s: one request, never retried, code %s', async (status, serverCode, code, message) => {
    // The server echoes the credentials it was sent, as careless servers do: the error must not.
    const s = await serve((req, res) => json(res, status, { errorCode: serverCode, message: `refused ${req.headers.authorization}` }));
    const c = clientFor(s.url);
    for (const call of [() => c.listShares(), () => c.queryTable(ref), () => c.tableMetadata(ref)]) {
      const before = s.seen.length;
      const e = await failure(call());
      expect(s.seen.length - before).toBe(1);
      expect(e).toMatchObject({ code, status, serverCode, retryable: false });
      expect(e.message).toMatch(message);
      expect(e.message).not.toContain('sekrit-token-123');
    }
  });

  it(`HTTP 503: ${MAX_ATTEMPTS} requests per operation (not nested), within seconds, code unavailable`, async () => {
    const s = await serve((_req, res) => json(res, 503, { errorCode: 'INTERNAL_ERROR', message: 'overloaded' }));
    const c = clientFor(s.url);
    for (const call of [() => c.listShares(), () => c.queryTable(ref), () => c.tableMetadata(ref), () => c.tableVersion(ref)]) {
      const before = s.seen.length;
      const { value: e, ms } = await timed(failure(call()));
      expect(s.seen.length - before).toBe(MAX_ATTEMPTS);
      expect(ms).toBeLessThan(5_000);
      expect(e).toMatchObject({ code: 'unavailable', status: 503, retryable: true });
      expect(e.message).toMatch(new RegExp(`the server failed \\(HTTP 503\\).*\\(${MAX_ATTEMPTS} attempts over \\d+ s\\)`));
    }
  });

  it('a stream cut short (no EndStreamAction) is retried as a whole page, then called corrupt', async () => {
    const s = await serve((_req, res) =>
      ndjson(res, [{ protocol: { minReaderVersion: 1 } }], {
        'delta-table-version': '1',
        'delta-sharing-capabilities': 'responseformat=parquet;includeendstreamaction=true',
      }),
    );
    const c = clientFor(s.url);
    const e = await failure(c.queryTable(ref));
    expect(s.seen.length).toBe(MAX_ATTEMPTS);
    expect(e).toMatchObject({ code: 'corrupt', serverCode: 'TRUNCATED_RESPONSE' });
  });

  it(`connection refused: ${MAX_ATTEMPTS_UNREACHABLE} attempts, under a second, naming the address`, async () => {
    const port = await closedPort();
    let attempts = 0;
    const c = clientFor(`http://127.0.0.1:${port}`);
    // Each attempt asks for the Authorization header first: count attempts there, since no request lands.
    const header = c.http.auth.header.bind(c.http.auth);
    c.http.auth.header = () => {
      attempts++;
      return header();
    };
    const { value: e, ms } = await timed(failure(c.queryTable(ref)));
    expect(attempts).toBe(MAX_ATTEMPTS_UNREACHABLE);
    expect(ms).toBeLessThan(1_000);
    expect(e).toMatchObject({ code: 'unavailable', serverCode: 'CONNECTION_REFUSED', status: 0 });
    expect(e.message).toMatch(new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
  });

  it('a Retry-After longer than the policy allows is answered at once, not waited out', async () => {
    const s = await serve((_req, res) => json(res, 429, { errorCode: 'RATE', message: 'slow down' }, { 'retry-after': '120' }));
    const c = clientFor(s.url);
    const { value: e, ms } = await timed(failure(c.listShares()));
    expect(s.seen.length).toBe(1);
    expect(ms).toBeLessThan(1_000);
    expect(e).toMatchObject({ code: 'unavailable', status: 429 });
    expect(e.message).toMatch(/rate-limiting.*retry after 120 s/);
  });

  it('the total time budget stops retries of a slow failing server', async () => {
    const s = await serve(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 400));
      json(res, 503, { errorCode: 'INTERNAL_ERROR', message: '' });
    });
    const c = clientFor(s.url, { maxRetries: 20, retryBudgetMs: 1_000 });
    const { ms } = await timed(failure(c.listShares()));
    expect(s.seen.length).toBeLessThan(5);
    expect(ms).toBeLessThan(1_000 + 2 * 400 + 500);
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
