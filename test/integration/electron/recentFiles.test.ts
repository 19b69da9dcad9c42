/**
 * The desktop menu's Open Recent comes from the host's own recent list, asked over `POST /rpc` with
 * the token, exactly as the shell does at run time: a notebook opened in the app appears in it, and
 * Clear empties the list the page's Open dialog shows too.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostRequest } from '../../../electron/hostRpc';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';

let host: RunningHost;
let client: ProtocolClient;

const notebook = (sql: string) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: 'code', metadata: { silt: { language: 'sql' } }, execution_count: null, source: sql, outputs: [] }],
  });

beforeAll(async () => {
  host = await startHost();
  client = await ProtocolClient.connect(host);
});
afterAll(async () => {
  client?.close();
  await host?.stop();
});

describe('Open Recent from the host', () => {
  it('lists notebooks as they are opened, most recent first, and Clear empties the list the page shows', async () => {
    expect(await hostRequest(host.url, 'files.recent', {})).toEqual({ paths: [] });
    const a = join(host.workspace, 'a.ipynb');
    const b = join(host.workspace, 'b.ipynb');
    writeFileSync(a, notebook('SELECT 1'));
    writeFileSync(b, notebook('SELECT 2'));
    await client.request('notebook.open', { path: 'a.ipynb' });
    await client.request('notebook.open', { path: b });
    expect(await hostRequest(host.url, 'files.recent', {})).toEqual({ paths: [b, a] });

    expect(await hostRequest(host.url, 'files.clearRecent', {})).toEqual({ paths: [] });
    // The page's Open dialog asks the same list over its socket.
    expect(await client.request('files.recent', {})).toEqual({ paths: [] });
    await client.request('notebook.open', { path: a });
    expect((await hostRequest(host.url, 'files.recent', {})).paths).toEqual([a]);
  });

  it('Remove takes a file that is gone off the list for good: it does not come back when the file does', async () => {
    const c = join(host.workspace, 'c.ipynb');
    const d = join(host.workspace, 'd.ipynb');
    writeFileSync(c, notebook('SELECT 3'));
    writeFileSync(d, notebook('SELECT 4'));
    await client.request('notebook.open', { path: c });
    await client.request('notebook.open', { path: d });
    rmSync(c);
    expect((await hostRequest(host.url, 'files.recent', {})).paths).not.toContain(c);
    expect((await hostRequest(host.url, 'files.forgetRecent', { path: c })).paths).toContain(d);
    writeFileSync(c, notebook('SELECT 3'));
    const { paths } = await hostRequest(host.url, 'files.recent', {});
    expect(paths).toContain(d);
    expect(paths).not.toContain(c);
  });

  it('names the refusal without the token when the token is wrong', async () => {
    const wrong = host.url.replace(/token=[^&]+/, 'token=not-the-token');
    const error = await hostRequest(wrong, 'files.recent', {}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/HTTP 401/);
    expect((error as Error).message).not.toContain(host.token);
  });
});
