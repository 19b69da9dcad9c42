import { existsSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { knownSecrets } from '../../protocol/knownSecrets';
import { SharingError } from './SharingError';

/** The highest `shareCredentialsVersion` this client understands. */
export const MAX_PROFILE_VERSION = 2;

export type ProfileAuth =
  | { type: 'bearer_token'; bearerToken: string }
  | { type: 'oauth_client_credentials'; tokenEndpoint: string; clientId: string; clientSecret: string; scope?: string }
  | { type: 'basic'; username: string; password: string };

/**
 * A parsed profile. Secrets live in a non-enumerable field and `toString`/`toJSON`/`util.inspect`
 * show only the endpoint, so logging a profile never leaks a token.
 */
export class SharingProfile {
  readonly endpoint: string;
  readonly version: number;
  /** ms since epoch; undefined = the token never expires (checklist 8). */
  readonly expirationTime?: number;
  declare readonly auth: ProfileAuth;

  constructor(endpoint: string, version: number, auth: ProfileAuth, expirationTime?: number) {
    this.endpoint = endpoint;
    this.version = version;
    this.expirationTime = expirationTime;
    Object.defineProperty(this, 'auth', { value: auth, enumerable: false });
    // From now on nothing this process sends out can carry the profile's secrets.
    if (auth.type === 'bearer_token') knownSecrets.add(auth.bearerToken);
    else if (auth.type === 'oauth_client_credentials') knownSecrets.add(auth.clientSecret);
    else {
      knownSecrets.add(auth.password);
      knownSecrets.add(Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
    }
  }

  toString(): string {
    return `SharingProfile(${this.endpoint}, ${this.auth.type})`;
  }
  toJSON(): object {
    return { endpoint: this.endpoint, type: this.auth.type, expirationTime: this.expirationTime };
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** A profile from a file path or a JSON string (checklist 7, 9). */
export function parseProfile(pathOrJson: string): SharingProfile {
  const text = stripBom(pathOrJson);
  return parseProfileText(text.trim().startsWith('{') ? text : readProfileFile(pathOrJson));
}

/**
 * A profile from its text (a file's content), never read as a path. Every failure is a SharingError
 * with code `bad-request` whose message never quotes the text: a profile holds a secret, and a file
 * that is not quite JSON must not have its token repeated in an error (JSON.parse's messages quote
 * the input, so they are not passed on).
 */
export function parseProfileText(raw: string): SharingProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(String(raw)));
  } catch {
    throw bad('the profile is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw bad('the profile is not a JSON object');
  }
  const json = parsed as Record<string, unknown>;
  const version = Number(json.shareCredentialsVersion ?? 1);
  if (!Number.isInteger(version) || version < 1) throw bad('shareCredentialsVersion must be a positive integer');
  if (version > MAX_PROFILE_VERSION) {
    throw bad(
      `the profile has shareCredentialsVersion ${version} but this version of Silt reads up to ${MAX_PROFILE_VERSION}; upgrade Silt to use it`,
    );
  }
  const endpoint = stripSlash(need(json, 'endpoint'));
  if (!/^https?:\/\//i.test(endpoint)) throw bad('the profile endpoint must be an http(s) URL');
  if (!validUrl(endpoint)) throw bad('the profile endpoint is not a valid URL');
  const expiration = json.expirationTime == null || json.expirationTime === '' ? undefined : Date.parse(String(json.expirationTime));
  if (expiration !== undefined && Number.isNaN(expiration)) throw bad('the profile expirationTime is not an ISO-8601 time');
  const type = version === 1 ? 'bearer_token' : String(json.type ?? 'bearer_token');
  switch (type) {
    case 'bearer_token':
      return new SharingProfile(endpoint, version, { type, bearerToken: need(json, 'bearerToken') }, expiration);
    case 'oauth_client_credentials': {
      const scope = typeof json.scope === 'string' && json.scope ? json.scope : undefined;
      const auth = {
        type,
        tokenEndpoint: stripSlash(need(json, 'tokenEndpoint')),
        clientId: need(json, 'clientId'),
        clientSecret: need(json, 'clientSecret'),
        scope,
      } as const;
      return new SharingProfile(endpoint, version, auth, expiration);
    }
    case 'basic':
      return new SharingProfile(
        endpoint,
        version,
        { type, username: need(json, 'username'), password: need(json, 'password') },
        expiration,
      );
    default: {
      // The type is quoted only when it reads as a word: a mangled file may have moved a secret here.
      const shown = /^[A-Za-z_-]{1,40}$/.test(type) ? `"${type}" ` : '';
      throw bad(`profile type ${shown}is not supported (supported: bearer_token, oauth_client_credentials, basic)`);
    }
  }
}

/** Human warnings about a profile, e.g. an expiry coming up or already past. */
export function profileWarnings(profile: SharingProfile, now = Date.now()): string[] {
  if (profile.expirationTime === undefined) return [];
  const ms = profile.expirationTime - now;
  const when = new Date(profile.expirationTime).toISOString();
  if (ms <= 0) return [`the profile's token expired on ${when}; ask the data provider for a new profile`];
  const days = Math.floor(ms / 86_400_000);
  if (days < 1) return [`the profile's token expires in ${Math.max(1, Math.round(ms / 3_600_000))} hour(s), at ${when}`];
  return [`the profile's token expires in ${days} day${days === 1 ? '' : 's'}, on ${when}`];
}

/** How close an expiry must be for `silt run` to warn about it. */
export const EXPIRY_WARNING_DAYS = 7;

/** The warning for a token that has expired or expires within `days` days, else undefined. */
export function expiryWarning(profile: SharingProfile, now = Date.now(), days = EXPIRY_WARNING_DAYS): string | undefined {
  const exp = profile.expirationTime;
  if (exp === undefined || exp - now > days * 86_400_000) return undefined;
  return profileWarnings(profile, now)[0];
}

/** Editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it. */
/** Text without its byte order mark: editors on Windows write one, and JSON.parse refuses it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether text given as a profile could be a file path. Mangled JSON text (a missing brace, an
 * array) may hold a token, so only text shaped like a path is ever read as one or named in a message.
 */
export function looksLikeProfilePath(text: string): boolean {
  return text.length < 1024 && !/[\r\n{}"]/.test(text);
}

function readProfileFile(path: string): string {
  const shown = looksLikeProfilePath(path) ? ` at ${path}` : '';
  if (!shown) throw bad('the profile is neither JSON nor the path of a profile file');
  if (!existsSync(path)) throw bad(`no profile file${shown}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'unreadable';
    throw new SharingError(`cannot read the profile file${shown} (${code})`, 0, 'INVALID_PROFILE', false, undefined, { cause: e });
  }
}

function need(json: Record<string, unknown>, key: string): string {
  const v = json[key];
  if (v === undefined || v === null || v === '') throw bad(`the profile has no "${key}"`);
  // Its type, never its value: the value may be a secret (bearerToken).
  if (typeof v !== 'string') throw bad(`the profile's "${key}" is ${Array.isArray(v) ? 'an array' : `a ${typeof v}`}; it must be a string`);
  return v;
}

function validUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function bad(message: string): SharingError {
  return new SharingError(message, 0, 'INVALID_PROFILE', false);
}
