import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../kernel/protocol/notebook';
import { compileQuery, findMatches, matchesIn, replaceInSource, type FindOptions } from '../../../../renderer/find/findMatches';

const opts = (query: string, more: Partial<FindOptions> = {}): FindOptions => ({
  query,
  matchCase: false,
  wholeWord: false,
  regex: false,
  scope: { code: true, markdown: true, outputs: false },
  ...more,
});

const code = (
  id: string,
  source: string,
  outputs: Cell extends infer C ? (C extends { outputs: infer O } ? O : never) : never = [],
): Cell => ({
  id,
  type: 'code',
  language: 'sql',
  source,
  outputs,
  executionCount: null,
});
const md = (id: string, source: string): Cell => ({ id, type: 'markdown', source });

const found = (text: string, o: FindOptions) => {
  const q = compileQuery(o);
  if (!q || !q.ok) throw new Error('no query');
  return matchesIn(text, q.re).map((m) => text.slice(m.from, m.to));
};

describe('findMatches', () => {
  it('finds nothing for an empty query, and says nothing is wrong', () => {
    expect(findMatches([code('a', 'select 1')], opts(''))).toEqual({ matches: [], error: null });
  });

  it('searches every cell in notebook order, case-insensitively unless asked', () => {
    const cells = [code('a', 'SELECT amount FROM t'), md('b', '# Amounts'), code('c', 'select Amount')];
    const { matches } = findMatches(cells, opts('amount'));
    expect(matches.map((m) => [m.cellId, m.from])).toEqual([
      ['a', 7],
      ['b', 2],
      ['c', 7],
    ]);
    expect(findMatches(cells, opts('amount', { matchCase: true })).matches.map((m) => m.cellId)).toEqual(['a']);
  });

  it('keeps to the chosen scope: code, markdown, outputs', () => {
    const cells = [
      code('a', 'x', [
        { kind: 'stream', name: 'stdout', text: 'x printed' },
        { kind: 'error', ename: 'Error', message: 'x failed', traceback: ['line 1: x'] },
        { kind: 'table', rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }], rows: [[1]] },
      ]),
      md('b', 'x'),
    ];
    const only = (scope: FindOptions['scope']) =>
      findMatches(cells, opts('x', { scope })).matches.map((m) => `${m.cellId}:${m.part}:${m.outputIndex ?? '-'}`);
    expect(only({ code: true, markdown: false, outputs: false })).toEqual(['a:source:-']);
    expect(only({ code: false, markdown: true, outputs: false })).toEqual(['b:source:-']);
    // The table's column named x is not text of the output: grids are not searched.
    expect(only({ code: false, markdown: false, outputs: true })).toEqual(['a:output:0', 'a:output:1', 'a:output:1']);
  });

  it('matches whole words only when asked, with letters beyond ASCII counting as word characters', () => {
    expect(found('cat concat cat_1 cat', opts('cat', { wholeWord: true }))).toEqual(['cat', 'cat']);
    expect(found('été étés', opts('été', { wholeWord: true }))).toEqual(['été']);
  });

  it('folds case and counts characters outside the BMP as one', () => {
    expect(found('ÉTÉ été', opts('été'))).toEqual(['ÉTÉ', 'été']);
    const text = 'a😀b😀';
    expect(found(text, opts('.', { regex: true }))).toEqual(['a', '😀', 'b', '😀']);
    // Positions are UTF-16 offsets, as CodeMirror counts them.
    const { matches } = findMatches([code('a', text)], opts('b'));
    expect(matches[0]).toMatchObject({ from: 3, to: 4 });
  });

  it('finds zero-length regex matches once each without looping, surrogate pairs included', () => {
    // ^ is a line start, as in an editor.
    expect(findMatches([code('a', 'one\ntwo')], opts('^', { regex: true })).matches.map((m) => [m.from, m.to])).toEqual([
      [0, 0],
      [4, 4],
    ]);
    expect(found('😀😀', opts('x*', { regex: true }))).toEqual(['', '', '']);
    const { matches } = findMatches([code('a', 'aa b')], opts('a*', { regex: true }));
    expect(matches.map((m) => [m.from, m.to])).toEqual([
      [0, 2],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('reports an invalid regex as a message instead of throwing', () => {
    const r = findMatches([code('a', 'x')], opts('(unclosed', { regex: true }));
    expect(r.matches).toEqual([]);
    expect(r.error).toMatch(/^Not a valid regular expression: .*unclosed/);
  });

  it('treats regex characters literally in a plain search', () => {
    expect(found('a.b axb (a.b)', opts('(a.b)'))).toEqual(['(a.b)']);
  });
});

describe('replaceInSource', () => {
  it('expands $1, $<name>, $& and $$ in a regex replacement', () => {
    const source = 'select amount_usd, price_eur from t';
    const { matches } = findMatches([code('a', source)], opts('(\\w+)_(?<cur>usd|eur)', { regex: true }));
    expect(replaceInSource(source, matches, '$<cur>($1) $$ [$&]', true)).toBe(
      'select usd(amount) $ [amount_usd], eur(price) $ [price_eur] from t',
    );
  });

  it('inserts the replacement as written in a plain search', () => {
    const { matches } = findMatches([code('a', 'a a')], opts('a'));
    expect(replaceInSource('a a', matches, '$1', false)).toBe('$1 $1');
  });

  it('replaces at zero-length matches (a prefix on every line)', () => {
    const source = 'one\ntwo';
    const { matches } = findMatches([code('a', source)], opts('^', { regex: true }));
    expect(replaceInSource(source, matches, '-- ', true)).toBe('-- one\n-- two');
  });
});
