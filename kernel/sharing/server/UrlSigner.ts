import { randomBytes, timingSafeEqual } from 'node:crypto';
import { basename } from 'node:path';
import { Sha256Hmac } from './Sha256Hmac';

/** A verified file request: the local file it names. */
export interface SignedFile {
  absolutePath: string;
}

/**
 * Pre-signed file URLs served by the sharing server itself. The URL carries the file's path
 * (base64url, under `/files/`), an expiry and an HMAC-SHA256 over both with a key that lives only in
 * this process, so URLs die with the server and cannot be forged or edited.
 */
export class UrlSigner {
  private readonly hmac = new Sha256Hmac(randomBytes(32));

  constructor(
    /** `http://127.0.0.1:N/delta-sharing`, no trailing '/'. */
    private readonly endpoint: string,
    readonly expirySeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A URL for the file, valid until the returned expiration (epoch ms). */
  sign(absolutePath: string): { url: string; expirationTimestamp: number } {
    const expirationTimestamp = this.now() + this.expirySeconds * 1000;
    const encoded = Buffer.from(absolutePath, 'utf8').toString('base64url');
    // The readable file name at the end lets clients that sniff extensions see `.parquet`.
    const path = `${encoded}/${encodeURIComponent(basename(absolutePath))}`;
    const sig = this.mac(path, expirationTimestamp);
    return { url: `${this.endpoint}/files/${path}?expires=${expirationTimestamp}&signature=${sig}`, expirationTimestamp };
  }

  /**
   * Checks a request path (the part after `/files/`) and query. Returns the file, or a reason that
   * is safe to show (it never includes the key or the expected signature).
   */
  verify(path: string, query: URLSearchParams): SignedFile | { refused: string } {
    const expires = Number(query.get('expires'));
    const sig = query.get('signature') ?? '';
    if (!Number.isSafeInteger(expires) || sig === '') return { refused: 'the file URL is not signed' };
    const expected = Buffer.from(this.mac(path, expires));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'the file URL signature does not match' };
    if (expires < this.now()) return { refused: 'the file URL has expired; query the table again for fresh URLs' };
    const encoded = path.split('/')[0];
    return { absolutePath: Buffer.from(encoded, 'base64url').toString('utf8') };
  }

  private mac(path: string, expires: number): string {
    return this.hmac.digest(`${path}\n${expires}`).toString('base64url');
  }
}
