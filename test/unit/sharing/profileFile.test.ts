import { describe, expect, it } from 'vitest';
import { parseProfileFile } from '../../../kernel/sharing/profileFile';

const SECRET = 'dapi-super-secret-123';

describe('profile files', () => {
  it('reads v1 bearer profiles and strips a trailing slash', () => {
    expect(parseProfileFile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'https://x.io/ds/', bearerToken: SECRET, expirationTime: '2030-01-01T00:00:00Z' }))).toEqual({
      shareCredentialsVersion: 1,
      endpoint: 'https://x.io/ds',
      bearerToken: SECRET,
      expirationTime: '2030-01-01T00:00:00Z',
    });
  });

  it('reads the v2 types', () => {
    const oauth = parseProfileFile(
      JSON.stringify({ shareCredentialsVersion: 2, type: 'oauth_client_credentials', endpoint: 'https://x.io', tokenEndpoint: 'https://idp/token/', clientId: 'c', clientSecret: SECRET, scope: 'all' }),
    );
    expect(oauth).toMatchObject({ type: 'oauth_client_credentials', tokenEndpoint: 'https://idp/token', scope: 'all' });
    expect(parseProfileFile(JSON.stringify({ shareCredentialsVersion: 2, type: 'basic', endpoint: 'http://h', username: 'u', password: SECRET }))).toMatchObject({ type: 'basic' });
    expect(parseProfileFile(JSON.stringify({ shareCredentialsVersion: 2, type: 'bearer_token', endpoint: 'http://h', bearerToken: SECRET }))).toMatchObject({ type: 'bearer_token' });
  });

  it('gives clear errors that never contain the secret', () => {
    const cases: [unknown, RegExp][] = [
      [{ shareCredentialsVersion: 3, endpoint: 'https://x', bearerToken: SECRET }, /upgrade Silt/],
      [{ shareCredentialsVersion: 1, endpoint: 'ftp://x', bearerToken: SECRET }, /endpoint.*http/],
      [{ shareCredentialsVersion: 1, endpoint: 'https://x', bearerToken: 42 }, /bearerToken.*not shown/],
      [{ shareCredentialsVersion: 1, endpoint: 'https://x', bearerToken: SECRET, expirationTime: 'soon' }, /expirationTime/],
      [{ shareCredentialsVersion: 2, type: 'saml', endpoint: 'https://x', bearerToken: SECRET }, /not supported/],
      [{ endpoint: 'https://x', bearerToken: SECRET }, /shareCredentialsVersion/],
    ];
    for (const [json, message] of cases) {
      let err: Error | undefined;
      try {
        parseProfileFile(JSON.stringify(json));
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).toMatch(message);
      expect(err?.message).not.toContain(SECRET);
    }
    expect(() => parseProfileFile(`{"bearerToken": "${SECRET}"`)).toThrow(/^the profile file is not valid JSON$/);
  });
});
