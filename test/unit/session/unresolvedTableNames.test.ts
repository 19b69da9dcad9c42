import { describe, expect, it } from 'vitest';
import { unresolvedTableNames } from '../../../kernel/session/sharing/unresolvedTableNames';

describe('names a failed listing may explain', () => {
  it('are the dotted names of three or more parts read FROM or JOINed, quoted or not', () => {
    const sql = 'SELECT a.b.c FROM h.default.t JOIN p."my share".s.x ON true, q.r WHERE x.y.z = 1';
    expect(unresolvedTableNames(sql)).toEqual([
      ['h', 'default', 't'],
      ['p', 'my share', 's', 'x'],
    ]);
  });

  it('leave out column paths, two-part names, strings and comments', () => {
    expect(unresolvedTableNames("SELECT s.a.b FROM t s -- FROM h.d.t\nWHERE v = 'FROM h.d.t'")).toEqual([]);
    expect(unresolvedTableNames('SELECT * FROM main.t')).toEqual([]);
  });
});
