/** What the export dialog proposes before the user types anything. */
import type { NotebookModel } from '../../kernel/protocol/notebook';
import type { ReportFormat } from '../../kernel/protocol/report';

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  html: 'HTML (one self-contained file)',
  pdf: 'PDF',
  md: 'Markdown (images in a folder beside it)',
  ipynb: 'Jupyter notebook (.ipynb)',
};

/** The notebook's first heading, else its file name without `.ipynb`. */
export function defaultTitle(nb: NotebookModel, path: string | null): string {
  for (const cell of nb.cells) {
    if (cell.type !== 'markdown') continue;
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(cell.source);
    if (m) return m[1].replace(/[*_`]/g, '').trim();
  }
  return path ? (path.split(/[\\/]/).pop() ?? path).replace(/\.ipynb$/i, '') : 'Untitled';
}

/** Next to the notebook with the format's extension; `untitled.<ext>` in the workspace when unsaved. */
export function defaultPath(path: string | null, format: ReportFormat): string {
  return withExtension(path ?? 'untitled.ipynb', format);
}

export function withExtension(path: string, format: ReportFormat): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return `${dot > slash + 1 ? path.slice(0, dot) : path}.${format}`;
}
