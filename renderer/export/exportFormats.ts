/** The export formats as the dialog offers them (the kernel's list is in kernel/protocol/dataExport.ts). */
import type { ExportFormat } from '../../kernel/protocol/dataExport';

export interface FormatChoice {
  format: ExportFormat;
  label: string;
  extension: string;
  hint: string;
}

export const FORMAT_CHOICES: FormatChoice[] = [
  { format: 'csv', label: 'CSV', extension: 'csv', hint: 'Text with a header row; opens anywhere.' },
  { format: 'parquet', label: 'Parquet', extension: 'parquet', hint: 'Typed and compressed; best for large results and BI tools.' },
  { format: 'arrow', label: 'Arrow IPC', extension: 'arrow', hint: 'Arrow file (Feather v2) for pandas, Polars and DuckDB.' },
  { format: 'jsonl', label: 'JSON lines', extension: 'jsonl', hint: 'One JSON object per row.' },
  { format: 'xlsx', label: 'Excel', extension: 'xlsx', hint: 'One sheet; at most 1,048,575 rows.' },
];

/** The result's own name, or "result" for an unnamed one (its handle is then internal). */
export function resultName(handle: string): string {
  return handle.startsWith('__silt_') ? 'result' : handle;
}

/** `<workspace>/<name>.<ext>`, with the workspace's own separator. */
export function defaultPath(workspace: string | null, name: string, extension: string): string {
  const file = `${name}.${extension}`;
  if (!workspace) return file;
  const sep = workspace.includes('\\') && !workspace.includes('/') ? '\\' : '/';
  return workspace.endsWith(sep) ? workspace + file : workspace + sep + file;
}

/** The path with its extension swapped, when it still ends in one of ours. */
export function withExtension(path: string, extension: string): string {
  const known = FORMAT_CHOICES.map((f) => f.extension).join('|');
  const m = new RegExp(`\\.(${known})$`).exec(path);
  return m ? path.slice(0, m.index) + '.' + extension : path;
}
