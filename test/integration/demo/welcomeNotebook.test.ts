import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShare, type DemoShare } from '../../../kernel/demo/startDemoShare';
import { ipynbText } from '../../../kernel/notebook/toIpynb';
import { welcomeNotebook } from '../../../kernel/demo/welcomeNotebook';
import { CLI } from '../../helpers/startHost';

const run = promisify(execFile);
let dir: string;
let demo: DemoShare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-welcome-'));
  demo = await startDemoShare({ root: join(dir, 'demo'), profileDir: join(dir, 'profiles'), tickMs: 0 });
});
afterAll(async () => demo?.close());

describe('the welcome notebook on the demo share', () => {
  it('runs every cell headless through the Delta Sharing server and shows real data', async () => {
    const input = join(dir, 'Welcome.ipynb');
    writeFileSync(input, ipynbText(welcomeNotebook()));
    await run(process.execPath, [CLI, 'run', input, '--profile', demo.profilePath], { cwd: dir });
    const nb = JSON.parse(readFileSync(input, 'utf8'));
    const byId = (id: string) => nb.cells.find((c: { id: string }) => c.id === id);
    const table = (id: string) => byId(id).outputs[0];
    expect(table('orders-sql').metadata.silt.rowCount).toBeGreaterThan(50);
    expect(
      table('orders-sql').data['application/vnd.dataresource+json'].data.every((r: { status: string }) => r.status !== 'cancelled'),
    ).toBe(true);
    expect(table('gold-sql').metadata.silt.rowCount).toBeGreaterThan(3);
    expect(byId('ts-cell').outputs[0].text.join('')).toMatch(/^\d+ orders from \d+ makes/);
    const changes = table('cdf-sql').data['application/vnd.dataresource+json'].data.map((r: { _change_type: string }) => r._change_type);
    expect(new Set(changes)).toEqual(new Set(['insert', 'update_preimage', 'update_postimage', 'delete']));
    const [travel] = table('time-travel').data['application/vnd.dataresource+json'].data;
    expect(Number(travel.listings_now)).toBeGreaterThan(Number(travel.listings_at_v1));
  });

  it('keeps the token out of the notebook', () => {
    const token = JSON.parse(readFileSync(demo.profilePath, 'utf8')).bearerToken;
    expect(token.length).toBeGreaterThan(10);
    expect(readFileSync(join(dir, 'Welcome.ipynb'), 'utf8')).not.toContain(token);
  });
});
