/**
 * A profile added in the app survives a restart of the app, sealed with the keychain key the desktop
 * shell hands over; the token is never on disk in clear, never in a session's environment, and a
 * removed profile is gone after the next restart too.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../kernel/protocol';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';

const KEY = randomBytes(32).toString('base64');
const expected = JSON.parse(readFileSync(`${SHARED}/data/delta/expected.json`, 'utf8')).tables['simple_table'];
let sharing: RunningSharingServer;
let home: string;
const running: { host: RunningHost; client: ProtocolClient }[] = [];

beforeAll(async () => {
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }] }],
  });
  home = mkdtempSync(join(tmpdir(), 'silt-saved-'));
});
afterAll(async () => {
  await stopAll();
  await sharing?.close();
  rmSync(home, { recursive: true, force: true });
});

async function open(key = KEY) {
  const host = await startHost([], { home, env: { SILT_PROFILE_KEY: key } });
  const client = await ProtocolClient.connect(host);
  running.push({ host, client });
  const { sessionId } = await client.request('session.open', { key: 'saved' });
  return { client, sessionId };
}
async function stopAll() {
  for (const r of running.splice(0)) {
    r.client.close();
    await r.host.stop();
  }
}
const text = (r: RunResult) =>
  r.outputs
    .map((o) => (o.kind === 'stream' ? o.text : o.kind === 'error' ? o.message : o.kind === 'rich' ? o.data['text/plain'] : ''))
    .join('');

describe('saved profiles', () => {
  it('are sealed on disk, opened again after a restart, and never reach a session’s environment', async () => {
    const first = await open();
    const json = JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: sharing.token });
    expect(await first.client.request('catalog.addProfile', { sessionId: first.sessionId, source: json, name: 'lab' })).toEqual({
      name: 'lab',
    });
    const dir = join(home, 'profiles', 'added');
    expect(readdirSync(dir)).toEqual(['lab.share.sealed']);
    expect(readFileSync(join(dir, 'lab.share.sealed')).toString('latin1')).not.toContain(sharing.token);
    await stopAll();

    const second = await open();
    const tree = await second.client.request('catalog.tree', { sessionId: second.sessionId });
    expect(tree.profiles.map((p) => [p.name, p.saved, p.shares.map((s) => s.name)])).toEqual([['lab', true, ['lab']]]);
    const rows = await second.client.request('execute', {
      sessionId: second.sessionId,
      runId: 'q',
      cellId: 'c',
      language: 'sql',
      code: 'SELECT count(*)::INTEGER AS n FROM lab.default.simple',
    });
    expect(rows.outputs[0]).toMatchObject({ kind: 'table', rows: [[expected.versions[String(expected.latestVersion)].data.rowCount]] });
    const env = await second.client.request('execute', {
      sessionId: second.sessionId,
      runId: 'e',
      cellId: 'c',
      language: 'typescript',
      code:
        'console.log(JSON.stringify([process.env.SILT_PROFILE_KEY ?? null, Object.values(process.env).some((v) => v?.includes(' +
        JSON.stringify(sharing.token) +
        '))]))',
    });
    expect(text(env).trim()).toBe('[null,false]');
  });

  it('with another keychain key the sealed profile is skipped, not fatal; removing forgets it for good', async () => {
    const other = await open(randomBytes(32).toString('base64'));
    expect((await other.client.request('catalog.tree', { sessionId: other.sessionId })).profiles).toEqual([]);
    await stopAll();
    const again = await open();
    expect((await again.client.request('catalog.tree', { sessionId: again.sessionId })).profiles.map((p) => p.name)).toEqual(['lab']);
    expect(await again.client.request('catalog.removeProfile', { sessionId: again.sessionId, name: 'lab' })).toEqual({ removed: true });
    expect((await again.client.request('catalog.tree', { sessionId: again.sessionId })).profiles).toEqual([]);
    await stopAll();
    const last = await open();
    expect((await last.client.request('catalog.tree', { sessionId: last.sessionId })).profiles).toEqual([]);
    expect(readdirSync(join(home, 'profiles', 'added'))).toEqual([]);
  });
});
