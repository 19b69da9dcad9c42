/**
 * Writes a notebook as a report file (HTML, Markdown with its images, PDF, or .ipynb). Every file is
 * written atomically, so a failure never leaves a half-written report under the name asked for; a
 * folder the user cannot write to is named in the error.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { NotebookModel } from '../protocol';
import { REPORT_FORMATS, type ReportFormat } from '../protocol/report';
import { saveFile } from '../fs/atomicWrite';
import { knownSecrets } from '../protocol/knownSecrets';
import { ipynbText } from '../notebook/toIpynb';
import { printPdf } from './printPdf';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';
import { ReportError } from './ReportError';
import { defaultPageSize, type ReportOptions } from './reportOptions';
import type { PageSize } from '../protocol/report';

export interface ExportOptions extends ReportOptions {
  format: ReportFormat;
  /** Absolute path of the file to write. */
  path: string;
  env?: NodeJS.ProcessEnv;
}

export async function exportReport(notebook: NotebookModel, opts: ExportOptions): Promise<{ path: string; bytes: number }> {
  if (!REPORT_FORMATS.includes(opts.format))
    throw new ReportError(`Unknown report format "${opts.format}"; use one of ${REPORT_FORMATS.join(', ')}.`, 'bad-request');
  if (!Array.isArray(notebook?.cells)) throw new ReportError('The notebook to export has no list of cells.', 'bad-request');
  // A credential Silt holds, pasted into a cell or printed by one, never reaches a report.
  const nb = knownSecrets.value(notebook);
  const { path } = opts;
  switch (opts.format) {
    case 'html':
      return saveFile(path, renderHtml(nb, opts));
    case 'ipynb':
      return saveFile(path, ipynbText(nb));
    case 'pdf': {
      const page = withPage(renderHtml(nb, opts), opts.pageSize ?? defaultPageSize());
      return saveFile(path, await printPdf(page, opts.env));
    }
    case 'md': {
      const filesDir = `${basename(path, extname(path))}_files`;
      const md = renderMarkdown(nb, filesDir, opts);
      for (const f of md.files) saveFile(join(dirname(path), f.path), f.content);
      return saveFile(path, md.text);
    }
  }
}

/** Paper and margins for printing; the HTML report itself stays free of print rules. */
function withPage(html: string, size: PageSize): string {
  return html.replace('</head>', `<style>@page { size: ${size}; margin: 14mm 12mm; }</style></head>`);
}
