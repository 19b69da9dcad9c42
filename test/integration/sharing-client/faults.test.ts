/**
 * Failures injected between the client and the real built-in server: each ends in the right
 * recovery or a clear error, and the cache never holds a corrupt file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharedTableSql, SharingClient, SharingError } from '../../../kernel/sharing/client';
import { startFaultProxy, type Fault, type ProxiedRequest } from './faultProxy';
import { expected, SCHEMA, SHARE, startGoldenServer, removeTempDirs, tempDir } from './goldenTables';

let server: Awaited<ReturnType<typeof startGoldenServer>>;
let conn: DuckDBConnection;
const cleanup: (() => Promise<void>)[] = [];
const covid = { share: SHARE, schema: SCHEMA, table: 'COVID-19_NYT' };
const COVID_ROWS = expected['COVID-19_NYT'].versions['0'].data.rowCount as number;
const FAST = { retryBaseMs: 10, retryMaxMs: 3000, maxRetries: 4 };

beforeAll(async () => {
  server = await startGoldenServer();
  conn = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

async function viaProxy(decide: (req: ProxiedRequest) => Fault | undefined, profile: Record<string, unknown> = {}) {
  const proxy = await startFaultProxy(server.url, decide);
  const cacheDir = tempDir('silt-fault-');
  const client = SharingClient.fromProfile(
    JSON.stringify({ shareCredentialsVersion: 1, endpoint: proxy.url, bearerToken: server.token, ...profile }),
    { ...FAST, cacheDir },
  );
  cleanup.push(proxy.close, () => client.close());
  return { proxy, client, cacheDir };
}

async function rows(sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT count(*) FROM (${sql})`)).getRows()[0][0]);
}

/** Every cached data file is complete Parquet (DuckDB reads its footer) and no temp file is left. */
async function assertCacheClean(cacheDir: string) {
  const files = readdirSync(join(cacheDir, 'files'));
  expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
  for (const f of files) {
    const path = join(cacheDir, 'files', f);
    const [n] = (await conn.runAndReadAll(`SELECT count(*) FROM parquet_metadata('${path}')`)).getRows()[0];
    expect(Number(n), `${f} (${statSync(path).size} bytes)`).toBeGreaterThan(0);
  }
}
async function failure(p: Promise<unknown>): Promise<SharingError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SharingError);
  return e as SharingError;
}

describe('fault injection', () => {
  it('429 and 503 with Retry-After on /query are retried and the table still loads', async () => {
    let queries = 0;
    const { proxy, client, cacheDir } = await viaProxy((r) => {
      if (!r.url.pathname.endsWith('/query')) return undefined;
      queries++;
      if (queries === 1) return { status: 429, retryAfter: '1' };
      if (queries === 2) return { status: 503, retryAfter: '0' };
      return undefined;
    });
    const t0 = Date.now();
    const { sql } = await sharedTableSql(client, covid);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(await rows(sql)).toBe(COVID_ROWS);
    expect(proxy.seen.filter((r) => r.url.pathname.endsWith('/query')).length).toBe(3);
    await assertCacheClean(cacheDir);
  });

  it('a connection reset mid-file resumes from the byte reached', async () => {
    const cut = new Set<string>();
    const { proxy, client, cacheDir } = await viaProxy((r) => {
      if (!r.isFile || cut.has(r.url.pathname)) return undefined;
      cut.add(r.url.pathname);
      return { resetAfterBytes: 100_000 };
    });
    const { sql } = await sharedTableSql(client, covid);
    expect(await rows(sql)).toBe(COVID_ROWS);
    const resumed = proxy.seen.filter((r) => r.isFile && r.headers.range);
    expect(resumed.length).toBe(cut.size);
    // Resumed exactly where the cut left off (the first 100 000 bytes arrived).
    for (const r of resumed) expect(Number(/bytes=(\d+)-/.exec(String(r.headers.range))![1])).toBe(100_000);
    await assertCacheClean(cacheDir);
  });

  it('URLs that expire during a download (403) are refreshed and the download resumes', async () => {
    const { proxy, client, cacheDir } = await viaProxy((r) => {
      if (!r.isFile || r.generation !== 1) return undefined;
      // URLs from the first answer: deliver part of the file, then refuse them as expired.
      return r.headers.range
        ? { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' }
        : { resetAfterBytes: 60_000 };
    });
    const { sql } = await sharedTableSql(client, covid);
    expect(await rows(sql)).toBe(COVID_ROWS);
    const queries = proxy.seen.filter((r) => r.url.pathname.endsWith('/query'));
    expect(queries.length).toBe(2); // one refresh served every file
    const fresh = proxy.seen.filter((r) => r.isFile && r.generation === 2);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((r) => r.headers.range === 'bytes=60000-')).toBe(true);
    await assertCacheClean(cacheDir);
  });

  it('a truncated NDJSON stream (no EndStreamAction) is retried; always truncated gives a clear error', async () => {
    let n = 0;
    const once = await viaProxy((r) => {
      if (!r.url.pathname.endsWith('/query') || n++ > 0) return undefined;
      return { ndjson: (lines) => lines.slice(0, -2) };
    });
    expect(await rows((await sharedTableSql(once.client, covid)).sql)).toBe(COVID_ROWS);
    const always = await viaProxy((r) => (r.url.pathname.endsWith('/query') ? { ndjson: (lines) => lines.slice(0, -1) } : undefined));
    const e = await failure(sharedTableSql(always.client, covid));
    expect(e.serverCode).toBe('TRUNCATED_RESPONSE');
    expect(e.message).toMatch(/COVID-19_NYT.*ended early/);
    expect(readdirSync(join(always.cacheDir, 'files'))).toEqual([]);
  });

  it('an errorMessage in EndStreamAction fails the read with that message', async () => {
    const { client } = await viaProxy((r) =>
      r.url.pathname.endsWith('/query')
        ? { ndjson: (lines) => [...lines.slice(0, -1), { endStreamAction: { errorMessage: 'snapshot too large to list' } }] }
        : undefined,
    );
    const e = await failure(sharedTableSql(client, covid));
    expect(e.message).toMatch(/snapshot too large to list/);
  });

  it('a profile whose token expired says so', async () => {
    const { client } = await viaProxy(() => undefined, { bearerToken: 'old-token', expirationTime: '2021-06-01T00:00:00Z' });
    expect(client.profileWarnings()[0]).toMatch(/expired on 2021-06-01/);
    const e = await failure(sharedTableSql(client, covid));
    expect(e.serverCode).toBe('TOKEN_EXPIRED');
    expect(e.message).toMatch(/expired on 2021-06-01.*new profile/);
    expect(e.message).not.toContain('old-token');
  });

  it('a table needing a reader feature the client lacks is refused by name', async () => {
    const { client, cacheDir } = await viaProxy((r) =>
      r.url.pathname.endsWith('/query')
        ? {
            ndjson: (lines) =>
              lines.map((l) =>
                l.protocol
                  ? {
                      protocol: {
                        deltaProtocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors', 'collations'] },
                      },
                    }
                  : l,
              ),
          }
        : undefined,
    );
    const e = await failure(sharedTableSql(client, { ...covid, table: 'table-with-dv-small' }));
    expect(e.serverCode).toBe('UNSUPPORTED_READER_FEATURES');
    expect(e.message).toMatch(/collations/);
    expect(readdirSync(join(cacheDir, 'files'))).toEqual([]);
  });

  it('pages through the file list with maxFiles + pageToken (checklist 54)', async () => {
    const proxy = await startFaultProxy(server.url, () => undefined);
    const client = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: proxy.url, bearerToken: server.token }),
      { maxFilesPerPage: 3 },
    );
    cleanup.push(proxy.close, () => client.close());
    const { sql, files } = await sharedTableSql(client, covid);
    expect(files).toBe(expected['COVID-19_NYT'].versions['0'].numFiles);
    const bodies = proxy.seen.filter((r) => r.url.pathname.endsWith('/query')).length;
    expect(bodies).toBe(Math.ceil(files / 3));
    expect(await rows(sql)).toBe(COVID_ROWS);
  });

  it('cancelling a load stops the downloads and leaves nothing half-written in the cache', async () => {
    const { client, cacheDir } = await viaProxy(() => undefined);
    const ac = new AbortController();
    let started = false;
    const load = sharedTableSql(client, covid, {
      signal: ac.signal,
      onProgress: (p) => {
        if (!started && p.bytesDone > 0) {
          started = true;
          ac.abort();
        }
      },
    });
    const e = await failure(load);
    expect(e.serverCode).toBe('CANCELLED');
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(cacheDir, 'files')).filter((f) => f.endsWith('.part'))).toEqual([]);
    await assertCacheClean(cacheDir);
  });

  it('a warm re-open of an unchanged table asks /version and nothing else', async () => {
    const { proxy, client } = await viaProxy(() => undefined);
    await sharedTableSql(client, covid);
    const before = proxy.seen.length;
    const { sql } = await sharedTableSql(client, covid);
    expect(proxy.seen.slice(before).map((r) => r.url.pathname.split('/').pop())).toEqual(['version']);
    expect(await rows(sql)).toBe(COVID_ROWS);
  });
});
