import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageTokens } from '../../../kernel/sharing/server/PageTokens';
import { Sha256Hmac } from '../../../kernel/sharing/server/Sha256Hmac';
import { UrlSigner } from '../../../kernel/sharing/server/UrlSigner';

describe('UrlSigner', () => {
  it("verifies its own URLs until they expire, and no one else's", () => {
    let now = 1_000_000;
    const signer = new UrlSigner('http://127.0.0.1:1/ds', 60, () => now);
    const { url, expirationTimestamp } = signer.sign('/data/t/part 1.parquet');
    expect(expirationTimestamp).toBe(now + 60_000);
    const u = new URL(url);
    expect(u.pathname.endsWith('/part%201.parquet')).toBe(true);
    const path = u.pathname.slice('/ds/files/'.length);
    expect(signer.verify(path, u.searchParams)).toEqual({ absolutePath: '/data/t/part 1.parquet' });
    const other = new UrlSigner('http://127.0.0.1:1/ds', 60, () => now);
    expect(other.verify(path, u.searchParams)).toHaveProperty('refused');
    now += 60_001;
    expect(signer.verify(path, u.searchParams)).toEqual({ refused: expect.stringMatching(/expired/) });
  });
});

describe('PageTokens', () => {
  it('round-trips a position and rejects other parameters, forgery and expiry', () => {
    let now = 0;
    const tokens = new PageTokens(1000, () => now);
    const c = PageTokens.checksum({ a: 1 });
    const t = tokens.issue({ offset: 500, version: 7 }, c);
    expect(tokens.read(t, c)).toEqual({ offset: 500, version: 7 });
    expect(() => tokens.read(t, PageTokens.checksum({ a: 2 }))).toThrow(/different request parameters/);
    const [body, sig] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), o: 0 })).toString('base64url');
    expect(() => tokens.read(`${forged}.${sig}`, c)).toThrow(/not valid/);
    now = 1001;
    expect(() => tokens.read(t, c)).toThrow(/expired/);
  });
});

describe('Sha256Hmac', () => {
  it('equals node:crypto HMAC-SHA256 for short and long keys', () => {
    for (const key of [randomBytes(32), randomBytes(100), Buffer.alloc(0)]) {
      const h = new Sha256Hmac(key);
      for (const msg of ['', 'abc', 'x'.repeat(1000), 'päth/ü\n123']) {
        expect(h.digest(msg).equals(createHmac('sha256', key).update(msg).digest())).toBe(true);
      }
    }
  });
});
