import { inspect } from 'node:util';
import { request, type Dispatcher } from 'undici';
import { knownSecrets } from '../../protocol/knownSecrets';
import { SharingProfile } from './profile';
import { SharingError } from './SharingError';

/** Refresh an OAuth token when fewer than this many seconds remain (checklist 10). */
const REFRESH_MARGIN_MS = 600_000;

/**
 * Produces the Authorization header for a profile. OAuth client-credentials tokens are fetched
 * once, shared by concurrent callers, and renewed when < 10 minutes remain.
 */
export class AuthHeader {
  declare private readonly profile: SharingProfile;
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    profile: SharingProfile,
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
  ) {
    Object.defineProperty(this, 'profile', { value: profile, enumerable: false });
  }

  async header(): Promise<string> {
    const auth = this.profile.auth;
    if (auth.type === 'bearer_token') return `Bearer ${auth.bearerToken}`;
    if (auth.type === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (this.token && this.token.expiresAt - Date.now() > REFRESH_MARGIN_MS) return `Bearer ${this.token.value}`;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return `Bearer ${await this.pending}`;
  }

  toString(): string {
    return `AuthHeader(${this.profile.auth.type})`;
  }
  toJSON(): string {
    return this.toString();
  }
  [inspect.custom](): string {
    return this.toString();
  }

  /** Forget the OAuth token (after a 401) so the next call fetches a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const auth = this.profile.auth;
    if (auth.type !== 'oauth_client_credentials') throw new Error('unreachable');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (auth.scope) form.set('scope', auth.scope);
    const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64');
    knownSecrets.add(basic);
    let res;
    try {
      res = await request(auth.tokenEndpoint, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (e) {
      throw new SharingError(
        `could not reach the OAuth token endpoint ${auth.tokenEndpoint}: ${(e as Error).message}`,
        0,
        'OAUTH_UNREACHABLE',
        true,
      );
    }
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      throw new SharingError(
        `the OAuth token endpoint refused the client credentials (HTTP ${res.statusCode}); check clientId/clientSecret in the profile`,
        res.statusCode,
        'OAUTH_FAILED',
        res.statusCode === 429 || res.statusCode >= 500,
      );
    }
    let json: { access_token?: unknown; expires_in?: unknown };
    try {
      json = JSON.parse(text);
    } catch {
      throw new SharingError('the OAuth token endpoint answered with something that is not JSON', 200, 'OAUTH_FAILED', false);
    }
    if (typeof json.access_token !== 'string' || !json.access_token) {
      throw new SharingError('the OAuth token endpoint answered without an access_token', 200, 'OAUTH_FAILED', false);
    }
    // expires_in may be a number or a numeric string; without it assume one hour.
    const seconds = Number(json.expires_in ?? 3600);
    const expiresAt = Date.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000;
    knownSecrets.add(json.access_token);
    this.token = { value: json.access_token, expiresAt };
    return json.access_token;
  }
}
