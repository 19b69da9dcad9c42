/** The destination name only ever holds a complete file: failures leave nothing behind. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../../kernel/export/writeAtomically';

const dir = mkdtempSync(join(tmpdir(), 'silt-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('renames the finished file into place and reports its size', async () => {
    const dest = join(dir, 'ok.csv');
    const r = await writeAtomically(dest, (tmp) => writeFile(tmp, 'a,b\n1,2\n'));
    expect(r.bytes).toBe(8);
    expect(readFileSync(dest, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['ok.csv']);
  });

  it('a full disk (a real ENOSPC from /dev/full) gives a clear error, no file and no leftovers', async () => {
    const dest = join(dir, 'full.csv');
    const write = async (tmp: string) => {
      await writeFile(tmp, 'partial rows\n');
      await writeFile('/dev/full', 'more rows than fit');
    };
    await expect(writeAtomically(dest, write)).rejects.toThrow(/disk holding .* is full; nothing was written/);
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(dir)).toEqual(['ok.csv']);
  });

  it('a failure keeps an older file of the same name untouched', async () => {
    const dest = join(dir, 'keep.csv');
    writeFileSync(dest, 'old');
    await expect(writeAtomically(dest, () => Promise.reject(new Error('boom')))).rejects.toThrow(/Writing .*keep.csv failed: boom/);
    expect(readFileSync(dest, 'utf8')).toBe('old');
  });

  it('a read-only folder fails before any work, naming the folder', async () => {
    // Root ignores permission bits, so as root use sysfs, which is mounted read-only.
    const readOnly = process.getuid?.() === 0 ? '/sys' : mkdtempSync(join(tmpdir(), 'silt-ro-'));
    if (readOnly !== '/sys') (await import('node:fs')).chmodSync(readOnly, 0o555);
    let called = false;
    await expect(
      writeAtomically(join(readOnly, 'x.csv'), async () => {
        called = true;
      }),
    ).rejects.toThrow(`Cannot write to ${readOnly}: the folder is read-only`);
    expect(called).toBe(false);
  });

  it('a missing folder says so', async () => {
    await expect(writeAtomically(join(dir, 'nope', 'x.csv'), async () => {})).rejects.toThrow(/folder .*nope does not exist/);
  });
});
