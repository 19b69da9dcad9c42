/**
 * A notebook as one self-contained HTML file: styles embedded, charts as data URIs, no scripts and
 * a Content-Security-Policy that forbids scripts and every network fetch, so opening a report (even
 * one built from a stranger's notebook) runs nothing and tells no server it was opened.
 */
import type { Cell, NotebookModel } from '../protocol';
import { escapeHtml } from './escapeHtml';
import { highlightCode } from './highlightCode';
import { markdownToHtml } from './markdownToHtml';
import { outputHtml } from './outputHtml';
import { REPORT_CSS } from './reportStyles';
import { reportPage } from './reportPage';
import { bodyCells, reportHeader, type ReportOptions } from './reportOptions';
import { qualityHtml } from '../../common/quality/qualityReport';

export function renderHtml(nb: NotebookModel, opts: ReportOptions = {}): string {
  const head = reportHeader(nb, opts);
  const byline = [head.author, head.date]
    .filter(Boolean)
    .map((s) => escapeHtml(s!))
    .join(' · ');
  const cells = bodyCells(nb, head.title)
    .map((c) => cellHtml(c, opts.hideCode ?? false))
    .filter(Boolean);
  // Expectation cells' verdicts open the report: whether the data held what the analysis relies on.
  return reportPage({ title: head.title, byline, css: REPORT_CSS, body: [qualityHtml(nb.cells), ...cells].filter(Boolean).join('\n') });
}

function cellHtml(cell: Cell, hideCode: boolean): string {
  if (cell.type === 'raw') return '';
  if (cell.type === 'markdown')
    return cell.source.trim() ? `<section class="cell markdown">\n${markdownToHtml(cell.source)}</section>` : '';
  const code =
    hideCode || !cell.source.trim()
      ? ''
      : `<div class="code"><span class="lang">${cell.language === 'sql' ? 'SQL' : 'TypeScript'}</span><pre><code class="language-${cell.language}">${highlightCode(cell.source, cell.language)}</code></pre></div>\n`;
  const outputs = cell.outputs.length ? `<div class="outputs">\n${cell.outputs.map(outputHtml).join('\n')}\n</div>\n` : '';
  if (!code && !outputs) return '';
  return `<section class="cell code-cell">\n${code}${outputs}</section>`;
}
