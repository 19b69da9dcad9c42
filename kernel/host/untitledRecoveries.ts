/**
 * The recovery copies of untitled notebooks. A file's copy is offered when the file is opened; an
 * untitled notebook has no file to open, so without this list its unsaved edits would sit on disk
 * unseen after a crash or a closed tab. Copies are JSON `{key, savedAt, notebook}` (NotebookStore).
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { NotebookModel, UntitledRecoveryInfo } from '../protocol';

/** Untitled notebooks get keys like `untitled-<time>-<random>` (renderer/notebook/useNotebookFile). */
export const UNTITLED_KEY = /^untitled-[a-z0-9-]{1,64}$/;

/** Enough of a copy's start to read its key and time, which come first in the file. */
const HEAD_BYTES = 4096;

/** The untitled copies in `dir`, newest first; a torn or foreign file is skipped, never fatal. */
export function untitledRecoveries(dir: string): UntitledRecoveryInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const found: UntitledRecoveryInfo[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const key = /"key":"([^"]*)"/.exec(readHead(file))?.[1];
    // Only untitled copies are read whole: a file's copy may be large and is offered when it is opened.
    if (!key || !UNTITLED_KEY.test(key)) continue;
    try {
      const copy = JSON.parse(readFileSync(file, 'utf8')) as { savedAt?: unknown; notebook?: NotebookModel };
      const cells = copy.notebook?.cells;
      if (typeof copy.savedAt !== 'number' || !Array.isArray(cells)) continue;
      found.push({ key, savedAt: copy.savedAt, title: titleOf(cells), cellCount: cells.length });
    } catch {
      continue;
    }
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

function readHead(file: string): string {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function titleOf(cells: NotebookModel['cells']): string {
  const heading = cells.find((c) => c.type === 'markdown' && /^\s*#/.test(c.source));
  const source = heading?.source ?? cells.find((c) => c.source.trim() !== '')?.source ?? '';
  const line = source
    .trim()
    .split('\n')[0]
    .replace(/^#+\s*/, '');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
