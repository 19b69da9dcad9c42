/** Where `silt run --to FORMAT` writes when no --out is given: beside the notebook, same name. */
import { extname } from 'node:path';
import type { ReportFormat } from '../protocol';

export function reportPath(notebookPath: string, format: ReportFormat): string {
  if (format === 'ipynb') return notebookPath; // the run's outputs go back into the notebook, as before
  const ext = extname(notebookPath);
  return `${ext ? notebookPath.slice(0, -ext.length) : notebookPath}.${format}`;
}
