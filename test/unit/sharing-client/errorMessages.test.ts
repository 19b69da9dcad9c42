import { afterEach, describe, expect, it } from 'vitest';
import { SharingClient } from '../../../kernel/sharing/client';
import { bearerProfile, failure, FAST, json, startServer } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('error messages a person can act on', () => {
  it('a rejected token reads as English and never shows the token, even when the server echoes it', async () => {
    const token = 'dapi0123456789abcdef';
    const s = await startServer((_req, res) =>
      json(res, 401, { errorCode: 'UNAUTHENTICATED', message: `Invalid bearer token; got Bearer ${token}` }),
    );
    closers.push(s.close);
    const client = SharingClient.fromProfile(bearerProfile(s.url, { bearerToken: token }), FAST);
    closers.push(() => client.close());
    const e = await failure(client.listShares());
    expect(e.message).toContain('Invalid bearer token');
    expect(e.message).not.toContain(token);
    expect(e.message).toContain('get a fresh profile');
    expect(e.status).toBe(401);
  });
});
