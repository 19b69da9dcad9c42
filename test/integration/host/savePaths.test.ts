/**
 * The host keeps notebook writes and folder listings inside the workspace: `..`, absolute paths
 * elsewhere and symbolic links out of it are refused with `forbidden`, and nothing is written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookModel } from '../../../kernel/protocol';
import { ipynbText } from '../../../kernel/notebook/toIpynb';
import { startInProcessHost, type InProcessHost } from '../../helpers/inProcessHost';

let h: InProcessHost;
let outside: string;
const notebook: NotebookModel = {
  metadata: {},
  cells: [{ id: 'a', type: 'code', language: 'sql', source: 'SELECT 1', outputs: [], executionCount: null }],
};
const save = (path: string) => h.client.request('notebook.save', { path, notebook });

beforeAll(async () => {
  h = await startInProcessHost();
  outside = join(h.home, 'elsewhere');
  mkdirSync(outside);
  mkdirSync(join(h.workspace, 'reports', 'q3'), { recursive: true });
  symlinkSync(outside, join(h.workspace, 'escape'));
  symlinkSync(join(h.workspace, 'reports'), join(h.workspace, 'shortcut'));
  symlinkSync(join(outside, 'nothing-yet.ipynb'), join(h.workspace, 'dangling.ipynb'));
  symlinkSync(join(h.workspace, 'reports', 'moved.ipynb'), join(h.workspace, 'dangling-inside.ipynb'));
  symlinkSync(join(h.workspace, 'loop-b.ipynb'), join(h.workspace, 'loop-a.ipynb'));
  symlinkSync(join(h.workspace, 'loop-a.ipynb'), join(h.workspace, 'loop-b.ipynb'));
});

afterAll(async () => {
  await h?.stop();
});

describe('notebook.save paths', () => {
  it('saves into a subfolder of the workspace, adding .ipynb when missing', async () => {
    const r = await save('reports/q3/summary');
    expect(r.path).toBe(join(h.workspace, 'reports', 'q3', 'summary.ipynb'));
    expect(existsSync(r.path)).toBe(true);
    // A link to a folder inside the workspace is inside too.
    expect(existsSync((await save('shortcut/via-link.ipynb')).path)).toBe(true);
    expect(existsSync(join(h.workspace, 'reports', 'via-link.ipynb'))).toBe(true);
    // A link to a file inside that is not there (moved away, say) is inside, not "outside".
    const r2 = await save('dangling-inside.ipynb');
    expect(readFileSync(r2.path, 'utf8')).toContain('SELECT 1');
  });

  it('refuses a loop of links with forbidden instead of hanging', async () => {
    await expect(save('loop-a.ipynb')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it.each([
    ['a parent folder', () => '../x.ipynb'],
    ['an absolute path elsewhere', () => join(outside, 'abs.ipynb')],
    ['a link out of the workspace', () => 'escape/through-link.ipynb'],
    ['a link to a file outside that does not exist yet', () => 'dangling.ipynb'],
    ['a climb hidden in the middle', () => 'reports/../../x.ipynb'],
  ])('refuses %s with forbidden and writes nothing', async (_what, path) => {
    await expect(save(path())).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/outside/) });
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(h.home, 'x.ipynb'))).toBe(false);
  });

  it('saves over a notebook the analyst opened from outside the workspace, and nowhere else outside', async () => {
    const file = join(h.home, 'opened.ipynb');
    writeFileSync(file, ipynbText(notebook));
    await h.client.request('notebook.open', { path: file });
    expect((await save(file)).path).toBe(file);
    await expect(save(join(h.home, 'other.ipynb'))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('files.list paths', () => {
  it('lists a subfolder, and refuses folders outside the workspace', async () => {
    const r = await h.client.request('files.list', { dir: 'reports' });
    expect(r.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['dir:q3', 'file:via-link.ipynb']);
    await expect(h.client.request('files.list', { dir: '..' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.client.request('files.list', { dir: 'escape' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.client.request('files.list', { dir: 'no-such-folder' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('files.mkdir', () => {
  it('makes a folder inside the workspace, and refuses names that are paths, folders outside and existing names', async () => {
    const made = await h.client.request('files.mkdir', { dir: join(h.workspace, 'reports'), name: 'q4' });
    expect(made.path).toBe(join(h.workspace, 'reports', 'q4'));
    expect(existsSync(made.path)).toBe(true);
    await expect(h.client.request('files.mkdir', { dir: 'reports', name: 'q4' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.client.request('files.mkdir', { dir: 'reports', name: '../up' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(h.client.request('files.mkdir', { dir: '..', name: 'up' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.client.request('files.mkdir', { dir: 'escape', name: 'through' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(existsSync(join(h.home, 'up'))).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
  });
});
