/**
 * catalog.preview through the real host and a real session, against a real Delta Sharing server: the
 * first rows of a shared table, read without creating anything in the session.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { openSession, type OpenSession } from '../../helpers/startHost';

const DELTA = `${SHARED}/data/delta`;
let sharing: RunningSharingServer;
let app: OpenSession;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-preview-'));
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'cdf_table', location: join(DELTA, 'cdf-table') }] }] }],
  });
  const profile = join(dir, 'lab.share');
  writeProfile(profile, sharing.url, sharing.token);
  app = await openSession('catalog-preview', ['--profile', profile]);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const expected = () => {
  const all = JSON.parse(readFileSync(join(DELTA, 'expected.json'), 'utf8'));
  const t = all.tables['cdf-table'];
  return { version: t.latestVersion as number, ...t.versions[String(t.latestVersion)] };
};
const ref = { profile: 'lab', share: 'lab', schema: 'default', table: 'cdf_table' };
const request = (params: Record<string, unknown>) =>
  app.client.request('catalog.preview', { sessionId: app.sessionId, ...ref, limit: 50, ...params } as never);

describe('catalog.preview', () => {
  it('answers with the table’s columns and rows, all of them when the table is smaller than the limit', async () => {
    const want = expected();
    const p = await request({});
    expect(p.version).toBe(want.version);
    expect(p.columns.map((c) => c.name)).toEqual(want.metadata.schema.map((s: string) => s.split(':')[0]));
    expect(p.rows).toHaveLength(want.data.rowCount);
    expect(p.rows.reduce((sum, r) => sum + Number(r[0]), 0)).toBe(Number(want.data.checksums['id.sum']));
  });

  it('stops at the limit', async () => {
    const p = await request({ limit: 2 });
    expect(p.rows).toHaveLength(2);
    expect(p.rows.every((r) => r.length === 3)).toBe(true);
  });

  it('leaves no table or variable behind in the session', async () => {
    const before = await app.client.request('session.names', { sessionId: app.sessionId });
    await request({ limit: 5 });
    const after = await app.client.request('session.names', { sessionId: app.sessionId });
    const local = (names: { kind: string; name: string }[]) => names.filter((n) => n.kind === 'table' || n.kind === 'variable');
    expect(local(after.names)).toEqual(local(before.names));
  });

  it('refuses a limit out of range, and names the profile of a table it cannot find', async () => {
    const tooMany = (await request({ limit: 100_000 }).catch((e) => e)) as Error & { code: string };
    expect(tooMany.code).toBe('bad-request');
    expect(tooMany.message).toMatch(/limit must be between 1 and 500/);
    const missing = (await request({ table: 'no_such_table' }).catch((e) => e)) as Error & { code: string };
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('profile "lab"');
    expect(missing.message).toContain('no_such_table');
  });
});
