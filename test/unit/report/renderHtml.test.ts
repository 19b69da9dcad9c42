import { describe, expect, it } from 'vitest';
import type { NotebookModel, Output } from '../../../kernel/protocol';
import { renderHtml } from '../../../kernel/report/renderHtml';

function notebook(outputs: Output[], markdown = '# Weekly numbers'): NotebookModel {
  return {
    metadata: {},
    cells: [
      { id: 'm', type: 'markdown', source: markdown },
      { id: 'c', type: 'code', language: 'sql', source: "SELECT 'x' AS a -- note", outputs, executionCount: 1 },
    ],
  };
}

/** Every `http(s)://` URL in the document outside the given user-written strings. */
function urlsOutside(html: string, userContent: string[]): string[] {
  let rest = html;
  for (const u of userContent) rest = rest.split(u).join('');
  return rest.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
}

describe('renderHtml', () => {
  it('needs no script and names no external URL, with markdown math and a chart', () => {
    const html = renderHtml(
      notebook(
        [
          {
            kind: 'rich',
            data: { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Sales</text></svg>' },
          },
        ],
        '# Title\n\n$a^2 + b^2$ [site](https://example.org/a)',
      ),
      { date: new Date('2026-01-02T00:00:00Z') },
    );
    expect(html).not.toMatch(/<script/i);
    expect(urlsOutside(html, ['https://example.org/a'])).toEqual([]);
    expect(html).toMatch(/<math>.*<msup>/s);
    expect(html).toContain('<img class="chart" alt="Chart" src="data:image/svg+xml;base64,');
    expect(html).toContain('2026-01-02');
  });

  it('escapes markup from outputs, cell sources, markdown, column names and the title', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderHtml(
      notebook(
        [
          { kind: 'stream', name: 'stdout', text: evil },
          { kind: 'error', ename: 'Error', message: evil, traceback: [evil] },
          { kind: 'table', rowCount: 1, columns: [{ name: evil, type: 'VARCHAR' }], rows: [[evil]] },
          { kind: 'rich', data: { 'text/plain': evil } },
        ],
        `# Hi\n\n${evil}\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))`,
      ),
      { title: `A ${evil}`, author: evil },
    );
    expect(html).not.toMatch(/<script|<img src=x|javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('puts HTML outputs in a sandboxed frame with no permissions', () => {
    const html = renderHtml(
      notebook([{ kind: 'rich', data: { 'text/html': '<b>bold</b><script>parent.x=1</script>', 'text/plain': 'b' } }]),
    );
    const frame = /<iframe[^>]*>/.exec(html)?.[0] ?? '';
    expect(frame).toContain('sandbox=""');
    expect(frame).toContain('srcdoc="&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;parent.x=1&lt;/script&gt;"');
  });

  it('says how many rows the table had when it shows fewer', () => {
    const rows = Array.from({ length: 150 }, (_, i) => [i]);
    const html = renderHtml(notebook([{ kind: 'table', rowCount: 10_000_000, columns: [{ name: 'n', type: 'BIGINT' }], rows }]));
    expect(html).toContain('showing 100 of 10,000,000 rows');
    expect(html.match(/<tr>/g)).toHaveLength(101); // header + the 100 rows a notebook file keeps
  });

  it('shows code with its language unless hideCode, and titles from the first heading', () => {
    const shown = renderHtml(notebook([]));
    expect(shown).toContain('<span class="lang">SQL</span>');
    expect(shown).toContain('<span class="tok-keyword">SELECT</span>');
    expect(shown).toContain('<span class="tok-comment">-- note</span>');
    expect(shown).toContain('<title>Weekly numbers</title>');
    expect(shown.match(/Weekly numbers<\/h1>/g)).toHaveLength(1);
    expect(renderHtml(notebook([]), { hideCode: true })).not.toContain('SELECT');
  });
});
