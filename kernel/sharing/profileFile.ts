/** Profile file formats (§Profile File Format; v2 types as the Python/Spark/R connectors read them). */
export interface BearerProfileV1 {
  shareCredentialsVersion: 1;
  endpoint: string;
  bearerToken: string;
  /** ISO-8601; absent = never expires. */
  expirationTime?: string;
}

export interface BearerProfileV2 {
  shareCredentialsVersion: 2;
  type: 'bearer_token';
  endpoint: string;
  bearerToken: string;
  expirationTime?: string;
}

export interface OAuthClientCredentialsProfile {
  shareCredentialsVersion: 2;
  type: 'oauth_client_credentials';
  endpoint: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface BasicProfile {
  shareCredentialsVersion: 2;
  type: 'basic';
  endpoint: string;
  username: string;
  password: string;
}

export type ProfileFile = BearerProfileV1 | BearerProfileV2 | OAuthClientCredentialsProfile | BasicProfile;

export const MAX_SHARE_CREDENTIALS_VERSION = 2;

const SECRET_FIELDS = new Set(['bearerToken', 'clientSecret', 'password']);

/**
 * Parses a profile file's text strictly: every required field present and a string, endpoints
 * http(s) without a trailing '/', a readable expirationTime. Error messages name fields, never
 * their values when they are secrets.
 */
export function parseProfileFile(text: string): ProfileFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('the profile file is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('the profile file must hold a JSON object');
  const json = raw as Record<string, unknown>;
  const version = json.shareCredentialsVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error('the profile needs "shareCredentialsVersion" as a positive integer');
  }
  if (version > MAX_SHARE_CREDENTIALS_VERSION) {
    throw new Error(`the profile has shareCredentialsVersion ${version}; this version of Silt reads up to ${MAX_SHARE_CREDENTIALS_VERSION}, upgrade Silt`);
  }
  const endpoint = url(json, 'endpoint');
  const expirationTime = optionalTime(json);
  if (version === 1) return withOptional({ shareCredentialsVersion: 1, endpoint, bearerToken: field(json, 'bearerToken') }, { expirationTime });
  const type = field(json, 'type');
  switch (type) {
    case 'bearer_token':
      return withOptional({ shareCredentialsVersion: 2, type, endpoint, bearerToken: field(json, 'bearerToken') }, { expirationTime });
    case 'oauth_client_credentials':
      return withOptional(
        {
          shareCredentialsVersion: 2,
          type,
          endpoint,
          tokenEndpoint: url(json, 'tokenEndpoint'),
          clientId: field(json, 'clientId'),
          clientSecret: field(json, 'clientSecret'),
        },
        { scope: typeof json.scope === 'string' && json.scope !== '' ? json.scope : undefined },
      );
    case 'basic':
      return { shareCredentialsVersion: 2, type, endpoint, username: field(json, 'username'), password: field(json, 'password') };
    default:
      throw new Error(`profile type "${type}" is not supported (bearer_token, oauth_client_credentials, basic)`);
  }
}

function field(json: Record<string, unknown>, name: string): string {
  const v = json[name];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new Error(`the profile needs "${name}" as a non-empty string${SECRET_FIELDS.has(name) && v !== undefined ? ' (its value is not shown)' : ''}`);
  }
  return v;
}

function url(json: Record<string, unknown>, name: string): string {
  const v = field(json, name).trim();
  if (!/^https?:\/\/[^\s]+$/i.test(v)) throw new Error(`the profile "${name}" must be an http(s) URL`);
  return v.replace(/\/+$/, '');
}

function optionalTime(json: Record<string, unknown>): string | undefined {
  const v = json.expirationTime;
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new Error('the profile "expirationTime" is not an ISO-8601 time');
  return v;
}

function withOptional<T extends object>(base: T, optional: Record<string, string | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) out[k] = v;
  return out as unknown as T;
}
