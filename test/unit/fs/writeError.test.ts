import { describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { writeError } from '../../../kernel/fs/writeError';

const errno = (code: string, message = `${code}: failed`) => Object.assign(new Error(message), { code });
const path = '/home/ana/reports/sales.html';

describe('writeError: one wording for every file Silt could not write', () => {
  it('a read-only folder names the file and the folder and says what to do', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      const e = writeError(errno(code), path);
      expect(e.code).toBe('io');
      expect(e.message).toBe(
        `Cannot write ${path}: the folder /home/ana/reports is read-only or not yours to write in. ` + 'Choose another folder.',
      );
    }
  });

  it('a full disk says nothing was written', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      expect(writeError(errno(code), path).message).toMatch(
        /^Cannot write .*sales\.html: the disk holding \/home\/ana\/reports is full; nothing was written\./,
      );
    }
  });

  it('recognises the same failures from their text when the code was lost (DuckDB, worker threads)', () => {
    expect(writeError(new Error('IO Error: No space left on device'), path).message).toContain('is full');
    expect(writeError(new Error('Permission denied'), path).message).toContain('is read-only');
  });

  it('a missing folder is not-found; a folder in place of the file is io', () => {
    const missing = writeError(errno('ENOENT'), path);
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(`Cannot write ${path}: the folder /home/ana/reports does not exist.`);
    expect(writeError(errno('ENOTDIR'), path).code).toBe('not-found');
    expect(writeError(errno('ENOTDIR'), path).message).toContain('is a file, not a folder');
    expect(writeError(errno('EISDIR'), path).code).toBe('io');
    expect(writeError(errno('EISDIR'), path).message).toContain('add a file name');
  });

  it('anything else keeps its own message after the file name', () => {
    expect(writeError(new Error('boom'), path)).toMatchObject({ code: 'io', message: `Cannot write ${path}: boom` });
    expect(writeError('plain text', path).message).toBe(`Cannot write ${path}: plain text`);
  });

  it('an error already worded for the user passes through unchanged', () => {
    const cancelled = new SiltError('cancelled', 'The export was cancelled; no file was written.');
    expect(writeError(cancelled, path)).toBe(cancelled);
  });
});
