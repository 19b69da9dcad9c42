/**
 * The code a thrown value gets decides the heading a user reads ("Cannot reach…" versus "Could not
 * read or write a file"), so a refused connection must not be told as a disk failure.
 */
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SiltError, toSiltError } from '../../../common/SiltError';

/** The error Node really raises when nothing listens on a port (port 9 on 127.0.0.1: discard, closed here). */
function refusedConnection(): Promise<Error> {
  return new Promise((resolve) => {
    const socket = connect(9, '127.0.0.1');
    socket.on('error', (e) => resolve(e));
    socket.on('connect', () => {
      socket.destroy();
      resolve(new Error('port 9 answered; this test needs it closed'));
    });
  });
}

describe('toSiltError', () => {
  it('calls a refused connection unavailable, keeping its message', async () => {
    const e = await refusedConnection();
    expect((e as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const s = toSiltError(e);
    expect(s.code).toBe('unavailable');
    expect(s.message).toContain('ECONNREFUSED');
  });

  it('calls a missing file not-found and a directory read as a file io', async () => {
    const missing = await readFile('/definitely/not/here.ipynb').catch((x) => x);
    expect(toSiltError(missing).code).toBe('not-found');
    const dir = await readFile('/').catch((x) => x);
    expect(toSiltError(dir).code).toBe('io');
  });

  it('keeps a SiltError as it is and a valid code sent across a boundary', () => {
    const own = new SiltError('forbidden', 'no');
    expect(toSiltError(own)).toBe(own);
    expect(toSiltError(Object.assign(new Error('x'), { code: 'conflict' })).code).toBe('conflict');
    expect(toSiltError('plain text', 'bad-request').code).toBe('bad-request');
  });
});
