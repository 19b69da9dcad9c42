import { describe, expect, it } from 'vitest';
import { splitSql } from '../../../kernel/engine/splitSql';

describe('splitSql', () => {
  it('splits statements and reports the line each starts on', () => {
    const s = splitSql('select 1;\n\nselect 2;\n  select 3');
    expect(s.map((x) => x.text)).toEqual(['select 1', 'select 2', 'select 3']);
    expect(s.map((x) => x.line)).toEqual([1, 3, 4]);
  });

  it('does not split on semicolons inside strings, identifiers, comments or dollar quotes', () => {
    const sql = `select 'a;b', "c;d" from t -- x;y\n; /* p;q */ select $$e;f$$; select $tag$g;h$tag$`;
    expect(splitSql(sql).map((x) => x.text)).toEqual([
      `select 'a;b', "c;d" from t -- x;y`,
      '/* p;q */ select $$e;f$$',
      'select $tag$g;h$tag$',
    ]);
  });

  it('handles doubled quotes and drops empty or comment-only statements', () => {
    expect(splitSql("select 'it''s; fine';;\n-- only a comment\n").map((x) => x.text)).toEqual(["select 'it''s; fine'"]);
    expect(splitSql('  ;  -- nothing\n')).toEqual([]);
  });
});
