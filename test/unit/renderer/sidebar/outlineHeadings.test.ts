import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../kernel/protocol/notebook';
import { outlineHeadings, sectionOf } from '../../../../renderer/sidebar/outlineHeadings';

const md = (id: string, source: string): Cell => ({ id, type: 'markdown', source });
const code = (id: string, source: string): Cell => ({ id, type: 'code', language: 'sql', source, outputs: [], executionCount: null });

describe('outlineHeadings', () => {
  it('lists #, ## and ### headings of markdown cells in order, with their level', () => {
    const cells = [
      md('a', '# Sales\n\ntext\n## By region'),
      code('b', '# a SQL comment is not a heading'),
      md('c', '### Notes\n#### Too deep'),
    ];
    expect(outlineHeadings(cells)).toEqual([
      { cellId: 'a', level: 1, text: 'Sales' },
      { cellId: 'a', level: 2, text: 'By region' },
      { cellId: 'c', level: 3, text: 'Notes' },
    ]);
  });

  it('ignores # lines inside fenced code, whatever the fence', () => {
    const source = [
      '# Real',
      '```python',
      '# comment',
      '```',
      '~~~~',
      '# also code',
      '~~~', // too short to close a four-tilde fence
      '# still code',
      '~~~~',
      '## After',
    ].join('\n');
    expect(outlineHeadings([md('a', source)]).map((h) => h.text)).toEqual(['Real', 'After']);
  });

  it('needs a space after the hashes, drops closing hashes and inline markup, and skips empty headings', () => {
    const cells = [md('a', '#hashtag\n#\n  ## **Bold** and `code` ##\n# [Link](http://x) é 😀\n    # indented code')];
    expect(outlineHeadings(cells).map((h) => h.text)).toEqual(['Bold and code', 'Link é 😀']);
  });

  it('finds the section a cell is in', () => {
    const cells = [code('pre', ''), md('h1', '# One'), code('x', ''), md('h2', '## Two'), code('y', '')];
    const headings = outlineHeadings(cells);
    expect(sectionOf(headings, cells, 'pre')).toBe(-1);
    expect(sectionOf(headings, cells, 'x')).toBe(0);
    expect(sectionOf(headings, cells, 'h2')).toBe(1);
    expect(sectionOf(headings, cells, 'y')).toBe(1);
  });
});
