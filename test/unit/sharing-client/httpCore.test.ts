import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SharingClient } from '../../../kernel/sharing/client';
import { bearerProfile, FAST, json, startServer, failure } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
async function serve(handler: Parameters<typeof startServer>[0]) {
  const s = await startServer(handler);
  closers.push(s.close);
  return s;
}

describe('HTTP core', () => {
  it('retries 503 and 429 honouring Retry-After, then succeeds (checklist 58)', async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      n++;
      if (n === 1) return json(res, 503, { errorCode: 'INTERNAL_ERROR', message: '' }, { 'retry-after': '0' });
      if (n === 2) return json(res, 429, { errorCode: 'RATE', message: 'slow down' }, { 'retry-after': '1' });
      json(res, 200, { items: [{ name: 's1' }] });
    });
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const t0 = Date.now();
    expect(await client.listShares()).toEqual([{ name: 's1' }]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // waited the 1 s the server asked for
    expect(n).toBe(3);
    await client.close();
  });

  it('does not retry a 404 and explains it, in both error dialects (checklist 57)', async () => {
    let n = 0;
    const s = await serve((req, res) => {
      n++;
      if (req.url.pathname.endsWith('/shares/a'))
        return json(res, 404, { errorCode: 'RESOURCE_DOES_NOT_EXIST', message: 'share a not found' });
      json(res, 400, {
        error_code: 'BAD_REQUEST',
        message: 'Table features not supported',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', metadata: { dsError: 'DS_UNSUPPORTED_DELTA_TABLE_FEATURES' } }],
      });
    });
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const e1 = await failure(client.getShare('a'));
    expect(e1).toMatchObject({ status: 404, serverCode: 'RESOURCE_DOES_NOT_EXIST', retryable: false });
    expect(e1.message).toMatch(/share a not found/);
    expect(n).toBe(1);
    const e2 = await failure(client.getShare('b'));
    expect(e2).toMatchObject({ status: 400, serverCode: 'DS_UNSUPPORTED_DELTA_TABLE_FEATURES', retryable: false });
    expect(e2.message).toMatch(/Delta features this client cannot read/);
    await client.close();
  });

  it('gives up after the retry budget with a retryable error', async () => {
    const s = await serve((_req, res) => json(res, 500, { errorCode: 'INTERNAL_ERROR', message: '' }));
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const e = await failure(client.listShares());
    expect(e).toMatchObject({ status: 500, retryable: true });
    expect(s.seen.length).toBe(1 + FAST.maxRetries);
    await client.close();
  });

  it('reports an expired token instead of a bare 401 when expirationTime has passed (checklist 8)', async () => {
    const s = await serve((_req, res) => json(res, 401, { errorCode: 'UNAUTHENTICATED', message: 'bad token' }));
    const expired = SharingClient.fromProfile(bearerProfile(s.url, { expirationTime: '2020-01-01T00:00:00Z' }), FAST);
    const e = await failure(expired.listShares());
    expect(e.serverCode).toBe('TOKEN_EXPIRED');
    expect(e.message).toMatch(/expired on 2020-01-01/);
    expect(e.message).not.toContain('sekrit-token-123');
    const valid = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const e2 = await failure(valid.listShares());
    expect(e2).toMatchObject({ status: 401, serverCode: 'UNAUTHENTICATED' });
    await expired.close();
    await valid.close();
  });

  it('sends the bearer token and a descriptive User-Agent (checklist 11)', async () => {
    const s = await serve((_req, res) => json(res, 200, {}));
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    expect(await client.listShares()).toEqual([]);
    expect(s.seen[0].headers.authorization).toBe('Bearer sekrit-token-123');
    expect(s.seen[0].headers['user-agent']).toMatch(/^Silt-DeltaSharing\/\S+ Node\//);
    expect(s.seen[0].url.pathname).toBe('/delta-sharing/shares');
    await client.close();
  });

  it('times out a server that never answers (explicit read timeout)', async () => {
    const s = await serve(() => undefined);
    const client = SharingClient.fromProfile(bearerProfile(s.url), { ...FAST, maxRetries: 0, readTimeoutMs: 300 });
    const e = await failure(client.listShares());
    expect(e.serverCode).toBe('TIMEOUT');
    expect(e.retryable).toBe(true);
    await client.close();
  });

  it('OAuth client credentials: Basic-auth form POST, expires_in as a string, one token reused, refreshed near expiry (checklist 10)', async () => {
    let issued = 0;
    const s = await serve((req, res) => {
      if (req.url.pathname === '/oauth/token') {
        issued++;
        // First token lives 300 s (< 600 s margin, so the next call refreshes); second one an hour.
        return json(res, 200, { access_token: `tok${issued}`, token_type: 'Bearer', expires_in: issued === 1 ? '300' : 3600 });
      }
      json(res, 200, { items: [] });
    });
    const profile = JSON.stringify({
      shareCredentialsVersion: 2,
      type: 'oauth_client_credentials',
      endpoint: `${s.url}/ds`,
      tokenEndpoint: `${s.url}/oauth/token/`,
      clientId: 'my-id',
      clientSecret: 'my-secret',
      scope: 'sharing',
    });
    const client = SharingClient.fromProfile(profile, FAST);
    await Promise.all([client.listShares(), client.listShares()]);
    const tokenCalls = s.seen.filter((r) => r.url.pathname === '/oauth/token');
    expect(tokenCalls.length).toBe(1); // concurrent callers share one exchange
    expect(tokenCalls[0].method).toBe('POST');
    expect(tokenCalls[0].headers.authorization).toBe(`Basic ${Buffer.from('my-id:my-secret').toString('base64')}`);
    expect(new URLSearchParams(tokenCalls[0].body).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(tokenCalls[0].body).get('scope')).toBe('sharing');
    // The fetched access token never shows when the client is inspected or serialised.
    expect(
      inspect(client, { depth: 10, showHidden: true }) + inspect(client.http, { depth: 10 }) + JSON.stringify(client.http.auth),
    ).not.toContain('tok1');
    await client.listShares();
    await client.listShares();
    const shareCalls = s.seen.filter((r) => r.url.pathname === '/ds/shares');
    expect(shareCalls.map((r) => r.headers.authorization)).toEqual(['Bearer tok1', 'Bearer tok1', 'Bearer tok2', 'Bearer tok2']);
    await client.close();
  });

  it('basic profiles send Basic auth', async () => {
    const s = await serve((_req, res) => json(res, 200, { items: [] }));
    const client = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 2, type: 'basic', endpoint: s.url, username: 'u', password: 'p' }),
      FAST,
    );
    await client.listShares();
    expect(s.seen[0].headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    await client.close();
  });
});
