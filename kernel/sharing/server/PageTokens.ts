import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badParam } from './SharingHttpError';

/** What a page token remembers: where the next page starts and which table version it reads. */
export interface PagePosition {
  offset: number;
  version: number;
}

/**
 * Opaque page and refresh tokens. Each encodes a position, a checksum of the request parameters it
 * belongs to (so a client cannot change filters mid-paging) and an expiry, signed with a per-server
 * key so a forged token is refused rather than trusted.
 */
export class PageTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A short, stable digest of the parameters that must not change between pages. */
  static checksum(params: unknown): string {
    return createHash('sha256').update(JSON.stringify(params)).digest('base64url').slice(0, 16);
  }

  issue(pos: PagePosition, checksum: string): string {
    const body = Buffer.from(JSON.stringify({ o: pos.offset, v: pos.version, c: checksum, e: this.now() + this.ttlMs })).toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  read(token: string, checksum: string, what = 'pageToken'): PagePosition {
    const [body, sig] = token.split('.');
    if (!body || !sig || !safeEqual(sig, this.mac(body))) throw badParam(`${what} is not valid`);
    const data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { o: number; v: number; c: string; e: number };
    if (data.c !== checksum) throw badParam(`${what} was issued for different request parameters; send the same parameters with it`);
    if (data.e < this.now()) throw badParam(`${what} has expired; start again without it`);
    return { offset: data.o, version: data.v };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
