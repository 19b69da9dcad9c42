import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseProfile, profileWarnings, SharingClient, SharingError } from '../../../kernel/sharing/client';

describe('profiles', () => {
  it('reads a v1 bearer profile from a file and strips the trailing slash (checklist 9)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-prof-'));
    const file = join(dir, 'p.share');
    writeFileSync(file, JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'https://h/ds/', bearerToken: 'tok' }));
    const p = parseProfile(file);
    expect(p.endpoint).toBe('https://h/ds');
    expect(p.auth).toEqual({ type: 'bearer_token', bearerToken: 'tok' });
    expect(p.expirationTime).toBeUndefined(); // checklist 8: no expirationTime = never expires
    expect(profileWarnings(p)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads v2 bearer_token, oauth_client_credentials (tokenEndpoint slash stripped) and basic', () => {
    expect(
      parseProfile(JSON.stringify({ shareCredentialsVersion: 2, type: 'bearer_token', endpoint: 'https://h', bearerToken: 't' })).auth.type,
    ).toBe('bearer_token');
    const o = parseProfile(
      JSON.stringify({
        shareCredentialsVersion: 2,
        type: 'oauth_client_credentials',
        endpoint: 'https://h',
        tokenEndpoint: 'https://idp/token/',
        clientId: 'c',
        clientSecret: 's',
        scope: 'x',
      }),
    );
    expect(o.auth).toMatchObject({ tokenEndpoint: 'https://idp/token', clientId: 'c', scope: 'x' });
    expect(
      parseProfile(JSON.stringify({ shareCredentialsVersion: 2, type: 'basic', endpoint: 'https://h', username: 'u', password: 'p' })).auth
        .type,
    ).toBe('basic');
  });

  it('asks for an upgrade when shareCredentialsVersion is newer (checklist 7)', () => {
    const err = (() => {
      try {
        parseProfile(JSON.stringify({ shareCredentialsVersion: 3, endpoint: 'https://h', bearerToken: 't' }));
      } catch (e) {
        return e as SharingError;
      }
    })();
    expect(err).toBeInstanceOf(SharingError);
    expect(err!.message).toMatch(/upgrade Silt/);
  });

  it('names missing fields and unknown types', () => {
    expect(() => parseProfile('{"shareCredentialsVersion":1,"endpoint":"https://h"}')).toThrow(/the profile has no "bearerToken"/);
    // One of the wrong type is named by its type, not reported missing, and its value is not shown.
    expect(() => parseProfile('{"shareCredentialsVersion":1,"endpoint":"https://h","bearerToken":4242}')).toThrow(
      /^(?!.*4242).*the profile's "bearerToken" is a number; it must be a string/,
    );
    expect(() => parseProfile('{"shareCredentialsVersion":2,"type":"magic","endpoint":"https://h"}')).toThrow(/magic.*not supported/);
    expect(() => parseProfile('/no/such/profile.share')).toThrow(/no profile file/);
  });

  it('warns "expires in N days" and says when it already expired', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const p = parseProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'https://h', bearerToken: 't', expirationTime: '2026-01-04T12:00:00Z' }),
    );
    expect(profileWarnings(p, now)[0]).toMatch(/expires in 3 days/);
    expect(profileWarnings(p, Date.parse('2026-02-01T00:00:00Z'))[0]).toMatch(/expired on 2026-01-04/);
  });

  it('never shows secrets in toString, JSON or util.inspect of the profile or the client', () => {
    const text = JSON.stringify({
      shareCredentialsVersion: 2,
      type: 'oauth_client_credentials',
      endpoint: 'https://h',
      tokenEndpoint: 'https://i',
      clientId: 'cid',
      clientSecret: 'TOPSECRET',
    });
    const p = parseProfile(text);
    const client = new SharingClient(p);
    for (const s of [
      String(p),
      JSON.stringify(p),
      inspect(p, { showHidden: true, depth: 5 }),
      inspect(client, { depth: 5 }),
      String(client),
    ]) {
      expect(s).not.toContain('TOPSECRET');
    }
    const bearer = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'https://h', bearerToken: 'BEARERSECRET' }),
    );
    expect(inspect(bearer, { depth: 10 })).not.toContain('BEARERSECRET');
    expect(inspect(bearer.http, { depth: 10 })).not.toContain('BEARERSECRET');
    void client.close();
    void bearer.close();
  });
});
