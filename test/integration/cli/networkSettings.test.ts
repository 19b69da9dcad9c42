/**
 * A proxy and a CA bundle set in Silt's settings file (not the environment): the real `silt run`
 * reads a shared table through Debian's tinyproxy when the settings name it, even over a proxy
 * variable in the environment, and a mistake in the settings is reported as one, naming the file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI } from '../../helpers/startHost';
import { freePort, startTinyproxy, type RunningProxy } from '../../helpers/tinyproxy';

const exec = promisify(execFile);
let dir: string;
let server: RunningSharingServer;
let proxy: RunningProxy;
let profilePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-net-settings-'));
  server = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }] }],
  });
  proxy = await startTinyproxy();
  profilePath = join(dir, 'lab.share');
  writeFileSync(profilePath, JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }));
  writeFileSync(
    join(dir, 'count.ipynb'),
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          id: 'c0',
          execution_count: null,
          outputs: [],
          source: 'SELECT count(*) AS n FROM lab.default.simple',
          metadata: { silt: { language: 'sql' } },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await proxy?.stop();
  await server?.close();
});

/** `silt run count.ipynb` with the given settings file contents and environment; the count it wrote, or its stderr. */
async function runWith(settings: unknown, env: NodeJS.ProcessEnv = {}) {
  const settingsFile = join(dir, `settings-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(settingsFile, JSON.stringify(settings));
  const out = join(dir, 'out.ipynb');
  const r = await exec(process.execPath, [CLI, 'run', 'count.ipynb', '--out', out, '--profile', profilePath], {
    cwd: dir,
    env: { ...process.env, SILT_SETTINGS_FILE: settingsFile, ...env },
  }).then(
    (ok) => ({ code: 0, stderr: ok.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const nb = JSON.parse(readFileSync(out, 'utf8'));
  const table = nb.cells[0].outputs[0]?.data?.['application/vnd.dataresource+json'];
  return { ...r, count: table ? Number(table.data[0].n) : null, settingsFile };
}

describe('a proxy and CA set in Silt’s settings', () => {
  it('sends the sharing requests through the proxy the settings name, over the environment’s', async () => {
    const direct = await runWith({});
    expect(direct.code).toBe(0);
    const before = proxy.tunnels().length;
    // The environment names a proxy where nothing listens; the settings' one must win.
    const dead = `http://127.0.0.1:${await freePort()}`;
    const r = await runWith(
      { network: { proxy: proxy.url, noProxy: 'example.invalid' } },
      { http_proxy: dead, HTTPS_PROXY: dead, NO_PROXY: '' },
    );
    expect(r.code).toBe(0);
    expect(r.count).toBe(direct.count);
    expect(r.count).toBeGreaterThan(0);
    expect(proxy.tunnels().slice(before)).toContain(`127.0.0.1:${server.port}`);
  });

  it('names the settings file when its proxy or CA bundle is wrong', async () => {
    const badProxy = await runWith({ network: { proxy: 'socks5://127.0.0.1:1080' } });
    expect(badProxy.code).toBe(1);
    expect(badProxy.stderr).toContain(`The proxy in Silt's settings (${badProxy.settingsFile}) uses socks5`);
    const missing = join(dir, 'no-such-ca.pem');
    const badCa = await runWith({ network: { caFile: missing } });
    expect(badCa.code).toBe(1);
    expect(badCa.stderr).toContain(
      `The CA bundle in Silt's settings (${badCa.settingsFile}) is ${missing}, but it cannot be read: there is no such file`,
    );
  });
});
