import { describe, expect, it } from 'vitest';
import type { NotebookModel } from '../../../kernel/protocol';
import { renderMarkdown } from '../../../kernel/report/renderMarkdown';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

describe('renderMarkdown', () => {
  const nb: NotebookModel = {
    metadata: {},
    cells: [
      {
        id: 'c',
        type: 'code',
        language: 'typescript',
        source: 'plot()',
        executionCount: 1,
        outputs: [
          { kind: 'rich', data: { 'image/png': PNG_1PX } },
          { kind: 'rich', data: { 'image/svg+xml': '<svg/>' } },
          { kind: 'rich', data: { 'text/html': '<b>hi</b>' } },
          {
            kind: 'table',
            rowCount: 2,
            columns: [
              { name: 'a|b', type: 'VARCHAR' },
              { name: 'n', type: 'INTEGER' },
            ],
            rows: [
              ['x|y', 1],
              ['line\nbreak', null],
            ],
          },
          { kind: 'stream', name: 'stdout', text: 'has ``` inside\n' },
        ],
      },
    ],
  };

  it('writes pictures as files next to the Markdown and links them', () => {
    const md = renderMarkdown(nb, 'report_files', { title: 'R' });
    expect(md.files.map((f) => f.path)).toEqual(['report_files/chart-1.png', 'report_files/chart-2.svg', 'report_files/output-1.html']);
    expect(Buffer.from(md.files[0].content).subarray(1, 4).toString()).toBe('PNG');
    expect(md.text).toContain('![Chart](report_files/chart-1.png)');
    expect(md.text).toContain('![Chart](report_files/chart-2.svg)');
    expect(md.text).toContain('[HTML output](report_files/output-1.html)');
  });

  it('keeps tables and text blocks intact whatever the cells contain', () => {
    const md = renderMarkdown(nb, 'f', { title: 'R' }).text;
    expect(md).toContain('| a\\|b | n |\n| --- | ---: |\n| x\\|y | 1 |\n| line break | NULL |');
    expect(md).toContain('*2 rows*');
    expect(md).toContain('````text\nhas ``` inside\n````');
    expect(md).toContain('```ts\nplot()\n```');
  });
});
