/** What the grid says after a copy: "Copied 2 rows × 4 columns as TSV", each count with its own unit. */
import type { CopyFormat } from './clipboardText';

const FORMAT_NAMES: Record<CopyFormat, string> = { tsv: 'TSV', csv: 'CSV', markdown: 'Markdown' };

const counted = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;

export function copiedText(rows: number, columns: number, format: CopyFormat): string {
  return `Copied ${counted(rows, 'row')} × ${counted(columns, 'column')} as ${FORMAT_NAMES[format]}`;
}
