/**
 * Recovery copies as the window meets them: an untitled notebook's copy is listed and opened back
 * whole; a damaged copy is never handed back as a notebook (it is skipped in the list and refused as
 * corrupt when asked for by key), and it is left on disk rather than deleted.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookModel } from '../../../kernel/protocol';
import { ipynbText } from '../../../kernel/notebook/toIpynb';
import { startInProcessHost, type InProcessHost } from '../../helpers/inProcessHost';

let h: InProcessHost;
const notebook: NotebookModel = {
  metadata: {},
  cells: [{ id: 'a', type: 'markdown', source: '# Quarterly margins' }],
};
const recoveryFiles = () => readdirSync(join(h.home, 'recovery')).filter((n) => n.endsWith('.json'));
/** The copy most recently written: autosave writes one file per key. */
async function autosaveAndFind(key: string, nb: NotebookModel): Promise<string> {
  const before = new Set(recoveryFiles());
  await h.client.request('notebook.autosave', { key, notebook: nb });
  const added = recoveryFiles().filter((n) => !before.has(n));
  expect(added).toHaveLength(1);
  return join(h.home, 'recovery', added[0]);
}

beforeAll(async () => {
  h = await startInProcessHost();
});
afterAll(async () => {
  await h?.stop();
});

describe('recovery copies', () => {
  it('lists an untitled copy by its heading and opens it back whole', async () => {
    await autosaveAndFind('untitled-1-good', notebook);
    const { recoveries } = await h.client.request('notebook.recoveries', {});
    expect(recoveries.map((r) => [r.key, r.title, r.cellCount])).toContainEqual(['untitled-1-good', 'Quarterly margins', 1]);
    const copy = await h.client.request('notebook.openRecovery', { key: 'untitled-1-good' });
    expect(copy.notebook.cells[0].source).toBe('# Quarterly margins');
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length - 20)],
    ['not a notebook', () => JSON.stringify({ key: 'untitled-2-bad', savedAt: 5, notebook: { cells: 'no' } })],
    ['without a save time', () => JSON.stringify({ key: 'untitled-2-bad', notebook })],
  ])('refuses a copy that is %s as corrupt, does not list it, and leaves it on disk', async (_what, damage) => {
    const file = await autosaveAndFind('untitled-2-bad', notebook);
    const damaged = damage(readFileSync(file, 'utf8'));
    writeFileSync(file, damaged);
    await expect(h.client.request('notebook.openRecovery', { key: 'untitled-2-bad' })).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/damaged/),
    });
    const { recoveries } = await h.client.request('notebook.recoveries', {});
    expect(recoveries.map((r) => r.key)).not.toContain('untitled-2-bad');
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    await h.client.request('notebook.discardRecovery', { key: 'untitled-2-bad' });
  });

  it('opens a notebook file as it is when its recovery copy is damaged', async () => {
    const path = join(h.workspace, 'margins.ipynb');
    writeFileSync(path, ipynbText(notebook));
    const file = await autosaveAndFind(path, { ...notebook, cells: [{ id: 'a', type: 'markdown', source: '# Newer' }] });
    writeFileSync(file, '{"key":');
    const opened = await h.client.request('notebook.open', { path });
    expect(opened.notebook.cells[0].source).toBe('# Quarterly margins');
    expect(opened.recovered).toBeUndefined();
  });
});
