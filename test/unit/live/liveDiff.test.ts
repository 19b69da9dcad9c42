import { describe, expect, it } from 'vitest';
import { planLiveRuns, staleManualCells, type LiveCell } from '../../../common/live/planLiveRuns';
import { diffFiles } from '../../../kernel/session/live/readFileDiff';
import { liveFailure } from '../../../kernel/session/live/liveFailure';
import { SiltError } from '../../../common/SiltError';

describe('diffFiles (tables without history)', () => {
  const held = new Map([
    ['a', 'a|10|'],
    ['b', 'b|20|'],
    ['c', 'c|30|'],
  ]);

  it('reads only new files and drops only files that left', () => {
    const now = [
      { id: 'a', identity: 'a|10|' },
      { id: 'c', identity: 'c|30|' },
      { id: 'd', identity: 'd|40|' },
    ];
    expect(diffFiles(held, now)).toEqual({ read: ['d'], dropFiles: ['b'] });
  });

  it('a file re-added under the same id with another size or deletion vector is dropped and read again', () => {
    const now = [
      { id: 'a', identity: 'a|10|dv1' },
      { id: 'b', identity: 'b|20|' },
      { id: 'c', identity: 'c|30|' },
    ];
    expect(diffFiles(held, now)).toEqual({ read: ['a'], dropFiles: ['a'] });
  });

  it('an unchanged list reads and drops nothing', () => {
    expect(
      diffFiles(
        held,
        [...held].map(([id, identity]) => ({ id, identity })),
      ),
    ).toEqual({ read: [], dropFiles: [] });
  });
});

describe('staleManualCells', () => {
  const cells: LiveCell[] = [
    { id: 'a', language: 'sql', code: 'SELECT * FROM lab.s.orders', name: 'orders_now', live: 'manual' },
    { id: 'b', language: 'sql', code: 'SELECT count(*) FROM orders_now' },
    { id: 'c', language: 'sql', code: 'SELECT count(*) FROM lab.s.orders' },
  ];

  it('names the manual cells a change would have re-run, and no auto ones', () => {
    expect(staleManualCells(cells, ['lab.s.orders'])).toEqual(['a']);
    expect(planLiveRuns(cells, ['lab.s.orders'])).toEqual(['c']);
  });

  it('names none when the change is to another table', () => {
    expect(staleManualCells(cells, ['lab.s.other'])).toEqual([]);
  });
});

describe('liveFailure', () => {
  it('a damaged Parquet file is corrupt, permanent, names no local path, and lists the file to drop', () => {
    const f = liveFailure(
      new Error(
        "Invalid Input Error: No magic bytes found at end of file '/tmp/silt-sharing-x/files/ab.parquet'\n\nLINE 1: DESCRIBE SELECT * FROM read_parquet(['/tmp/silt-sharing-x/files/ab.parquet'])",
      ),
    );
    expect(f).toEqual({
      code: 'corrupt',
      permanent: true,
      message: 'a data file is damaged (Invalid Input Error: No magic bytes found at end of file)',
      damagedFiles: ['/tmp/silt-sharing-x/files/ab.parquet'],
    });
  });

  it('an unreachable server keeps retrying; refused credentials do not', () => {
    expect(liveFailure(new SiltError('unavailable', 'down')).permanent).toBe(false);
    expect(liveFailure(new SiltError('unauthorized', 'token refused')).permanent).toBe(true);
  });
});
