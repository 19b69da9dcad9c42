import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FileCache, SharingClient, type SharedFile, type SharingError } from '../../../kernel/sharing/client';
import { bearerProfile, FAST, startServer, type Handler } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
const DATA = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'silt-dl-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function setup(handler: Handler) {
  const s = await startServer(handler);
  closers.push(s.close);
  const c = SharingClient.fromProfile(bearerProfile(s.url), FAST);
  closers.push(() => c.close());
  return {
    s,
    c,
    file: (path = '/f', size = DATA.length): SharedFile => ({
      kind: 'file',
      id: 'id1',
      url: `${s.url}${path}?sig=1`,
      size,
      partitionValues: {},
    }),
  };
}
function range(h: string | string[] | undefined): number {
  return Number(/bytes=(\d+)-/.exec(String(h ?? ''))?.[1] ?? 0);
}

describe('downloads', () => {
  it('resumes from the byte reached after a connection reset (Range), without sending the bearer token to storage', async () => {
    let n = 0;
    const { s, c, file } = await setup((req, res) => {
      n++;
      const from = range(req.headers.range);
      if (n === 1) {
        res.writeHead(200, { 'content-length': DATA.length });
        res.write(DATA.subarray(0, 70_000));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(206, { 'content-range': `bytes ${from}-${DATA.length - 1}/${DATA.length}` });
      res.end(DATA.subarray(from));
    });
    const dest = join(dir(), 'out');
    let bytes = 0;
    await c.download(file(), dest, { onBytes: (b) => (bytes += b) });
    expect(readFileSync(dest).equals(DATA)).toBe(true);
    expect(s.seen[1].headers.range).toBe('bytes=70000-');
    expect(bytes).toBe(DATA.length);
    expect(s.seen.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('refreshes an expired URL (403) and resumes at the byte reached (checklist 49)', async () => {
    const { s, c, file } = await setup((req, res) => {
      const from = range(req.headers.range);
      if (req.url.pathname === '/old') {
        if (from > 0) return void res.writeHead(403).end('<Error>Request has expired</Error>');
        res.writeHead(200, { 'content-length': DATA.length });
        res.write(DATA.subarray(0, 50_000));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(206);
      res.end(DATA.subarray(from));
    });
    const dest = join(dir(), 'out');
    let refreshed = 0;
    await c.download(file('/old'), dest, { refreshUrl: async () => (refreshed++, `${s.url}/new?sig=2`) });
    expect(refreshed).toBe(1);
    expect(readFileSync(dest).equals(DATA)).toBe(true);
    const fresh = s.seen.find((r) => r.url.pathname === '/new')!;
    expect(fresh.headers.range).toBe('bytes=50000-');
  });

  it('never leaves a partial file under the final name: short body, 404, cancel', async () => {
    const { c, file } = await setup((req, res) => {
      if (req.url.pathname === '/short') return void res.writeHead(200).end(DATA.subarray(0, 10));
      if (req.url.pathname === '/slow') {
        res.writeHead(200);
        res.write(DATA.subarray(0, 1000));
        return;
      }
      res.writeHead(404).end();
    });
    const d = dir();
    const dest = join(d, 'out');
    const e1 = (await c.download(file('/short'), dest).catch((e) => e)) as SharingError;
    expect(e1.serverCode).toBe('SIZE_MISMATCH');
    const e2 = (await c.download(file('/gone'), dest).catch((e) => e)) as SharingError;
    expect(e2.message).toMatch(/vacuumed/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const e3 = (await c.download(file('/slow'), dest, { signal: ac.signal }).catch((e) => e)) as SharingError;
    expect(e3.serverCode).toBe('CANCELLED');
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(d)).toEqual([]);
    expect(e1.message + e2.message + e3.message).not.toContain('sig=1');
  });
});

describe('FileCache', () => {
  it('finds entries by id only with the right size, survives a restart, evicts least recently used', async () => {
    const d = dir();
    const cache = new FileCache(d, 2500);
    for (const id of ['a', 'b', 'c']) writeFileSync(cache.pathFor(id), Buffer.alloc(1000));
    // Minutes apart: the cache records use at minute granularity.
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(cache.pathFor('a'), old, old);
    utimesSync(cache.pathFor('b'), new Date(Date.now() - 5 * 60_000), new Date(Date.now() - 5 * 60_000));
    const reopened = new FileCache(d, 2500);
    expect(await reopened.lookup('a', 1000)).toBe(cache.pathFor('a')); // touching 'a' makes it recent
    await reopened.evict();
    expect(existsSync(cache.pathFor('a'))).toBe(true);
    expect(existsSync(cache.pathFor('b'))).toBe(false);
    expect(await reopened.lookup('c', 999)).toBeUndefined(); // wrong size: dropped
    expect(existsSync(cache.pathFor('c'))).toBe(false);
  });

  it('two clients filling the same entry at once both end with the complete file', async () => {
    const { s } = await setup((_req, res) => {
      res.writeHead(200);
      res.end(DATA);
    });
    const cache = join(dir(), 'cache');
    const c1 = SharingClient.fromProfile(bearerProfile(s.url), { ...FAST, cacheDir: cache });
    const c2 = SharingClient.fromProfile(bearerProfile(s.url), { ...FAST, cacheDir: cache });
    const f: SharedFile = { kind: 'file', id: 'same', url: `${s.url}/x`, size: DATA.length, partitionValues: {} };
    await Promise.all([c1.download(f, c1.fileCache().pathFor('same')), c2.download(f, c2.fileCache().pathFor('same'))]);
    expect(statSync(c1.fileCache().pathFor('same')).size).toBe(DATA.length);
    expect(readdirSync(join(cache, 'files'))).toHaveLength(1);
    await c1.close();
    await c2.close();
  });
});
