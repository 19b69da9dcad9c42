/**
 * Profiles that go wrong, through the real host and a real session as the window uses them: a file
 * that is not JSON, a file with a byte order mark, a table name with a typo, a token the server refuses. The user is told what
 * is wrong with a code; the token is in no answer and in none of the host's logs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { openSession, runText, type OpenSession } from '../../helpers/startHost';

const TOKEN = 'dapi-0123456789abcdef0123456789';
let sharing: RunningSharingServer;
let app: OpenSession;
let dir: string;
let logs = '';

beforeAll(async () => {
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }],
      },
    ],
  });
  app = await openSession('profile-errors', [], { home: mkdtempSync(join(tmpdir(), 'silt-perr-home-')) });
  app.host.child.stderr!.on('data', (d) => (logs += d));
  app.host.child.stdout!.on('data', (d) => (logs += d));
  dir = mkdtempSync(join(tmpdir(), 'silt-perr-'));
});
afterAll(async () => {
  await app?.close();
  await sharing?.close();
});

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('profiles that go wrong', () => {
  it('Add profile… with a file that is not JSON: bad-request, the content (token) not repeated', async () => {
    const path = fileWith('notjson.share', `endpoint: ${sharing.url}\nbearerToken: ${TOKEN}\n`);
    const e = (await app.client.request('catalog.addProfile', { sessionId: app.sessionId, source: path }).catch((x) => x)) as Error & {
      code: string;
    };
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('bad-request');
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain('bearerToken');
  });

  it('Add profile… with a profile file that starts with a byte order mark loads it', async () => {
    const path = fileWith(
      'bom.share',
      '\uFEFF' + JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: sharing.token }),
    );
    expect(await app.client.request('catalog.addProfile', { sessionId: app.sessionId, source: path })).toEqual({
      name: 'bom',
    });
    const r = await app.client.request('execute', {
      sessionId: app.sessionId,
      runId: 'b',
      cellId: 'c',
      language: 'sql',
      code: 'SELECT count(*) AS n FROM bom.lab.default.simple',
    });
    expect(r.status).toBe('ok');
  });

  it('a SQL cell on a table its share does not have names the tables shared there, not a missing catalog', async () => {
    for (const code of ['SELECT count(*) AS n FROM bom.lab.default.simpel', 'SELECT count(*) AS n FROM lab.default.simpel']) {
      const r = await app.client.request('execute', { sessionId: app.sessionId, runId: 'typo', cellId: 'c', language: 'sql', code });
      expect(r.status).toBe('error');
      expect(runText(r)).toMatch(/(bom\.)?lab\.default\.simpel is not a shared table: (bom\.)?lab\.default shares simple\./);
      expect(runText(r)).not.toMatch(/does not exist/);
    }
  });

  it('a SQL cell on a table of a profile whose token is refused says so, naming the profile, in seconds', async () => {
    const json = JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: TOKEN });
    expect(await app.client.request('catalog.addProfile', { sessionId: app.sessionId, source: json, name: 'stale' })).toEqual({
      name: 'stale',
    });
    const started = Date.now();
    const r = await app.client.request('execute', {
      sessionId: app.sessionId,
      runId: 'w',
      cellId: 'c',
      language: 'sql',
      code: 'SELECT * FROM stale.lab.default.simple WHERE id > 2',
    });
    expect(r.status).toBe('error');
    expect(runText(r)).toMatch(/profile "stale" could not list its tables: .*the server refused the token \(HTTP 401\)/);
    expect(runText(r)).not.toMatch(/does not exist|NOT IMPLEMENTED/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    // The catalog panel shows the same reason for that profile, and the other profile still lists.
    const tree = await app.client.request('catalog.tree', { sessionId: app.sessionId });
    const stale = tree.profiles.find((p) => p.name === 'stale')!;
    expect(stale.error).toMatch(/refused the token \(HTTP 401\)/);
    expect(tree.profiles.find((p) => p.name === 'bom')!.shares.map((s) => s.name)).toEqual(['lab']);
    expect(JSON.stringify(tree)).not.toContain(TOKEN);
  });

  it('nothing above put the token in the host’s or the sessions’ logs', () => {
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain(sharing.token);
  });
});
