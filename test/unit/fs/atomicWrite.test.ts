/** The destination name only ever holds a complete file: failures leave nothing behind. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atomicTempPath, atomicWrite, isAtomicTempName, saveFile, writeAtomically } from '../../../kernel/fs/atomicWrite';

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
    const failing = () => Promise.reject(new Error('boom'));
    await expect(writeAtomically(dest, failing)).rejects.toThrow(/Cannot write .*keep.csv: boom/);
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
    ).rejects.toThrow(`the folder ${readOnly} is read-only`);
    expect(called).toBe(false);
  });

  it('a missing folder says so', async () => {
    await expect(writeAtomically(join(dir, 'nope', 'x.csv'), async () => {})).rejects.toThrow(/folder .*nope does not exist/);
  });
});

describe('atomicWrite (notebooks, profiles, reports, charts)', () => {
  it('creates the folder, writes the content and leaves no temp file', () => {
    const dest = join(dir, 'sync', 'deeper', 'note.ipynb');
    atomicWrite(dest, '{"cells":[]}');
    expect(readFileSync(dest, 'utf8')).toBe('{"cells":[]}');
    expect(readdirSync(join(dir, 'sync', 'deeper'))).toEqual(['note.ipynb']);
  });

  it('replaces an existing file whole, bytes included', () => {
    const dest = join(dir, 'sync', 'chart.png');
    atomicWrite(dest, 'old, longer content');
    atomicWrite(dest, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(dest)]).toEqual([1, 2, 3]);
  });

  it('keeps a secret unreadable to others', () => {
    const dest = join(dir, 'sync', 'profile.share');
    atomicWrite(dest, '{"bearerToken":"t"}', 0o600);
    expect(statSync(dest).mode & 0o777).toBe(0o600);
  });

  it('a failure keeps the old file and leaves no temp file', () => {
    const dest = join(dir, 'sync', 'keep.html');
    atomicWrite(dest, 'old');
    // A folder in the way of the rename: the new content cannot take the name.
    expect(() => atomicWrite(join(dir, 'sync'), 'new')).toThrow();
    expect(readFileSync(dest, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter(isAtomicTempName)).toEqual([]);
  });
});

describe('temp file names (what a start-up clean-up may delete)', () => {
  it('sit beside the target, hidden, and end in .tmp', () => {
    const tmp = atomicTempPath(join(dir, 'report.html'));
    expect(dirname(tmp)).toBe(dir);
    expect(basename(tmp)).toMatch(/^\.report\.html\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(isAtomicTempName(basename(tmp))).toBe(true);
  });

  it('a writer sees such a name while it writes', async () => {
    let seen = '';
    await writeAtomically(join(dir, 'seen.csv'), async (tmp) => {
      seen = basename(tmp);
    });
    expect(isAtomicTempName(seen)).toBe(true);
  });

  it('are told apart from the files users keep', () => {
    for (const name of ['report.html', 'data.tmp', '.hidden', 'notes.tmp.txt', '.x.12.zz.tmp']) {
      expect(isAtomicTempName(name), name).toBe(false);
    }
  });
});

describe('saveFile (reports and charts the user asked for)', () => {
  it('answers the path and the bytes written, counting UTF-8 bytes', () => {
    const dest = join(dir, 'saved', 'größe.md');
    expect(saveFile(dest, 'ä')).toEqual({ path: dest, bytes: 2 });
    expect(readFileSync(dest, 'utf8')).toBe('ä');
  });

  it('words a failure for the user', () => {
    expect(() => saveFile(join(dir, 'ok.csv', 'inside.svg'), '<svg/>')).toThrow(/^Cannot write .*inside\.svg: /);
  });
});
