/**
 * The certificate authorities Silt trusts for HTTPS: Node's own roots, plus a company's CA when
 * SILT_CA_FILE names a PEM file. Corporate networks that inspect TLS re-sign every site with their own
 * CA; without it, every request fails with "unable to get local issuer certificate". (Node's own
 * NODE_EXTRA_CA_CERTS works too, but only when set before the process starts, so it cannot be set
 * from inside the app.)
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { SiltError } from '../../common/SiltError';

/** The CA list to trust, or undefined to keep Node's default (which includes NODE_EXTRA_CA_CERTS). */
export function trustedCertificates(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env.SILT_CA_FILE?.trim();
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message;
    throw new SiltError('bad-request', `SILT_CA_FILE is ${file}, but it cannot be read: ${why}`, { cause: e });
  }
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!certificates)
    throw new SiltError('bad-request', `SILT_CA_FILE is ${file}, but it holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return [...rootCertificates, ...certificates];
}
