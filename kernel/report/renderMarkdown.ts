/**
 * A notebook as Markdown (GitHub flavour) plus the files it links to: charts and images go next to
 * it in `<name>_files/`, tables become pipe tables of the stored rows, HTML outputs become their own
 * files behind a link (Markdown viewers differ in what raw HTML they let through).
 */
import type { Cell, NotebookModel, Output, TableOutput } from '../protocol';
import { cellText } from '../../common/cellText';
import { pickRichMime, reportRows, rowCountNote } from './outputHtml';
import { bodyCells, reportHeader, type ReportOptions } from './reportOptions';
import { qualityMarkdown } from '../../common/quality/qualityReport';

export interface MarkdownReport {
  text: string;
  /** Files the text links to, by path relative to the Markdown file. */
  files: { path: string; content: string | Uint8Array }[];
}

const EXTENSION: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg' };

export function renderMarkdown(nb: NotebookModel, filesDir: string, opts: ReportOptions = {}): MarkdownReport {
  const head = reportHeader(nb, opts);
  const files: MarkdownReport['files'] = [];
  const counters = { chart: 0, output: 0 };
  const addFile = (kind: 'chart' | 'output', ext: string, content: string | Uint8Array) => {
    const path = `${filesDir}/${kind}-${++counters[kind]}.${ext}`;
    files.push({ path, content });
    return path;
  };
  const byline = [head.author, head.date].filter(Boolean).join(' · ');
  const parts = [`# ${head.title}`, `*${byline}*`, qualityMarkdown(nb.cells)];
  for (const cell of bodyCells(nb, head.title)) parts.push(...cellMarkdown(cell, opts.hideCode ?? false, addFile));
  return { text: parts.filter((p) => p !== '').join('\n\n') + '\n', files };
}

type AddFile = (kind: 'chart' | 'output', ext: string, content: string | Uint8Array) => string;

function cellMarkdown(cell: Cell, hideCode: boolean, addFile: AddFile): string[] {
  if (cell.type === 'raw') return [];
  if (cell.type === 'markdown') return [cell.source.trim()];
  const code = hideCode || !cell.source.trim() ? [] : [fence(cell.source, cell.language === 'sql' ? 'sql' : 'ts')];
  return [...code, ...cell.outputs.map((o) => outputMarkdown(o, addFile))];
}

function outputMarkdown(o: Output, addFile: AddFile): string {
  switch (o.kind) {
    case 'table':
      return tableMarkdown(o);
    case 'stream':
      return fence(o.text.replace(/\n$/, ''), 'text');
    case 'error':
      return fence([`${o.ename}: ${o.message}${o.line !== undefined ? ` (line ${o.line})` : ''}`, ...o.traceback].join('\n'), 'text');
    case 'rich': {
      const mime = pickRichMime(o);
      if (!mime) return '';
      const payload = o.data[mime];
      if (EXTENSION[mime]) {
        const content = mime === 'image/svg+xml' ? payload : Buffer.from(payload.replace(/\s+/g, ''), 'base64');
        const path = addFile('chart', EXTENSION[mime], content);
        return `![Chart](${encodeURI(path)})`;
      }
      if (mime === 'text/html') return `[HTML output](${encodeURI(addFile('output', 'html', payload))})`;
      if (mime === 'text/markdown') return payload.trim();
      return fence(payload, mime === 'application/json' ? 'json' : 'text');
    }
  }
}

function tableMarkdown(t: TableOutput): string {
  const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const header = `| ${t.columns.map((c) => cell(c.name)).join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (/INT|FLOAT|DOUBLE|REAL|DECIMAL/i.test(c.type) ? '---:' : '---')).join(' | ')} |`;
  const rows = reportRows(t);
  const body = rows.map((r) => `| ${r.map((v) => cell(cellText(v))).join(' | ')} |`);
  return [header, rule, ...body].join('\n') + `\n\n*${rowCountNote(t, rows.length)}*`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text}\n${f}`;
}
