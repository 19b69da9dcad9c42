/**
 * One cell output as report HTML. Tables show the rows the notebook stored and say how many there
 * were; images go in as data URIs in <img>, where an SVG's scripts never run; HTML written by users
 * goes into a sandboxed iframe (no scripts, no same-origin), like the app shows it.
 */
import type { CellValue, ColumnInfo, Output, RichOutput, TableOutput } from '../protocol';
import { STORED_ROWS } from '../notebook/tableBundle';
import { escapeHtml } from './escapeHtml';
import { markdownToHtml } from './markdownToHtml';
import { isNumericType } from '../../common/columnKind';
import { prettyJson } from '../../common/prettyJson';
import { cellText } from '../../common/cellText';
import { formatRowCount } from '../../common/formatRowCount';

/** Rich MIME types in the order a printed report prefers them: pictures first, then markup, then text. */
const RICH_ORDER = ['image/svg+xml', 'image/png', 'image/jpeg', 'text/html', 'text/markdown', 'application/json', 'text/plain'];

export function outputHtml(o: Output): string {
  switch (o.kind) {
    case 'table':
      return tableHtml(o);
    case 'stream':
      return `<pre class="stream stream-${o.name}">${escapeHtml(o.text)}</pre>`;
    case 'error': {
      const where = o.line !== undefined ? ` (line ${o.line})` : '';
      const trace = o.traceback.length ? `\n${escapeHtml(o.traceback.join('\n'))}` : '';
      return `<pre class="error"><strong>${escapeHtml(o.ename)}</strong>: ${escapeHtml(o.message)}${where}${trace}</pre>`;
    }
    case 'rich':
      return richHtml(o);
  }
}

export function pickRichMime(o: RichOutput): string | undefined {
  return RICH_ORDER.find((m) => o.data[m] !== undefined) ?? Object.keys(o.data)[0];
}

function richHtml(o: RichOutput): string {
  const mime = pickRichMime(o);
  if (!mime) return '';
  const payload = o.data[mime];
  switch (mime) {
    case 'image/svg+xml':
      return `<img class="chart" alt="Chart" src="data:image/svg+xml;base64,${Buffer.from(payload, 'utf8').toString('base64')}">`;
    case 'image/png':
    case 'image/jpeg':
      return `<img class="chart" alt="Image" src="data:${mime};base64,${payload.replace(/\s+/g, '')}">`;
    case 'text/html':
      return `<iframe class="html-output" sandbox="" title="HTML output" style="height:${frameHeight(payload)}px" srcdoc="${escapeHtml(payload)}"></iframe>`;
    case 'text/markdown':
      return `<div class="markdown rich-markdown">${markdownToHtml(payload)}</div>`;
    case 'application/json':
      return `<pre class="rich-text">${escapeHtml(prettyJson(payload))}</pre>`;
    default:
      return `<pre class="rich-text">${escapeHtml(payload)}</pre>`;
  }
}

/** A guess at the frame's height from its markup: with no script in the report, it cannot measure. */
function frameHeight(html: string): number {
  const blocks = (html.match(/<(tr|p|div|li|br|h\d|pre)\b/gi)?.length ?? 0) + html.split('\n').length;
  return Math.max(60, Math.min(600, 24 + blocks * 26));
}

/** "showing 100 of 10,000,000 rows" when the notebook kept fewer rows than the result had. */
export function rowCountNote(t: TableOutput, shown: number): string {
  if (shown >= t.rowCount) return formatRowCount(t.rowCount);
  return `showing ${shown.toLocaleString('en-US')} of ${t.rowCount.toLocaleString('en-US')} rows`;
}

/** A report holds what a notebook file holds: the first rows, never a whole live result. */
export function reportRows(t: TableOutput): CellValue[][] {
  return t.rows.slice(0, STORED_ROWS);
}

function tableHtml(t: TableOutput): string {
  const numeric = t.columns.map((c: ColumnInfo) => isNumericType(c.type));
  const head = t.columns
    .map((c, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c.name)}<span class="coltype">${escapeHtml(c.type)}</span></th>`)
    .join('');
  const rows = reportRows(t);
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => `<td${numeric[i] ? ' class="num"' : ''}${v === null ? ' data-null' : ''}>${escapeHtml(cellText(v))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n<p class="rowcount">${rowCountNote(t, rows.length)}</p>`;
}
