/**
 * A TLS certificate the client does not trust is not a network hiccup: retrying cannot help, and
 * the usual cause on a company machine is HTTPS inspection by a proxy that re-signs sites with the
 * company's own CA. The message says what to set.
 */
import { SharingError } from './SharingError';

const UNTRUSTED: Record<string, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'signed by an authority this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'signed by an authority this machine does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'signed by an authority this machine does not trust',
  SELF_SIGNED_CERT_IN_CHAIN: 'signed by an authority this machine does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  CERT_UNTRUSTED: 'not trusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another host name',
};

export function isCertificateError(code: unknown): boolean {
  return typeof code === 'string' && code in UNTRUSTED;
}

export function certificateError(e: unknown, what: string, url?: URL): SharingError | null {
  const err = ((e as { cause?: unknown })?.cause ?? e) as { code?: string };
  const own = (e as { code?: string })?.code;
  const code = isCertificateError(own) ? own! : err?.code;
  if (!isCertificateError(code)) return null;
  const where = url ? url.hostname : 'the server';
  const hint =
    code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? 'the provider must fix its certificate'
      : "if your network inspects HTTPS, set SILT_CA_FILE to your company's CA certificate (a PEM file)";
  const message = `${what} failed: the certificate of ${where} is ${UNTRUSTED[code!]} (${code}); ${hint}`;
  return new SharingError(message, 0, 'UNTRUSTED_CERTIFICATE', false, undefined, { cause: e, code: 'unavailable' });
}
