/**
 * Notebook model → nbformat 4.5 JSON that `nbformat.validate` and `jupyter nbconvert` accept.
 * Silt's own facts ride in `metadata.silt`; metadata Silt does not know is written back untouched.
 */
import type { Cell, NotebookModel, Output } from '../protocol';
import { mergeOutputs } from '../../common/OutputBuilder';
import { tableToBundle } from './tableBundle';

export function toIpynb(nb: NotebookModel): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      ...nb.metadata,
      kernelspec: { name: 'silt', display_name: 'Silt (SQL + TypeScript)', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    cells: nb.cells.map(cellToJson),
  };
}

/** Serialised the way Jupyter writes files: one-space indent and a final newline. */
export function ipynbText(nb: NotebookModel): string {
  return JSON.stringify(toIpynb(nb), null, 1) + '\n';
}

function cellToJson(cell: Cell): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ...(cell.extraMetadata ?? {}) };
  if ('tags' in cell && cell.tags?.length) metadata.tags = cell.tags;
  const base = { id: validId(cell.id), metadata, source: splitLines(cell.source) };
  if (cell.type === 'markdown') return { cell_type: 'markdown', ...base };
  if (cell.type === 'raw') return { cell_type: 'raw', ...base };
  metadata.silt = {
    language: cell.language,
    ...(cell.name ? { name: cell.name } : {}),
    ...(cell.elapsedMs !== undefined ? { elapsedMs: cell.elapsedMs } : {}),
    ...(cell.live ? { live: cell.live } : {}),
  };
  return {
    cell_type: 'code',
    ...base,
    execution_count: cell.executionCount,
    // The window and the session already cap what they hold; the file caps again because outputs also
    // come from elsewhere (files written by Jupyter, `silt run`, older Silt), and the file is what gets
    // shared and reviewed. Capping a capped text is a no-op, so this costs nothing when the window did it.
    outputs: mergeOutputs(cell.outputs).map((o) => outputToJson(o, cell.executionCount)),
  };
}

function outputToJson(o: Output, executionCount: number | null): Record<string, unknown> {
  switch (o.kind) {
    case 'table':
      return { output_type: 'execute_result', execution_count: executionCount, ...tableToBundle(o) };
    case 'stream':
      return { output_type: 'stream', name: o.name, text: splitLines(o.text) };
    case 'rich':
      return {
        output_type: 'display_data',
        data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, isTextual(k) ? splitLines(v) : v])),
        metadata: {},
      };
    case 'error':
      return {
        output_type: 'error',
        ename: o.ename,
        evalue: o.message,
        traceback:
          o.line !== undefined && !o.traceback.some((t) => t.startsWith(`line ${o.line}:`))
            ? [`line ${o.line}:`, ...o.traceback]
            : o.traceback,
      };
  }
}

function isTextual(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'image/svg+xml';
}

/** nbformat stores multi-line strings as a list of lines, each keeping its newline. */
export function splitLines(s: string): string[] {
  const parts = s.split(/(?<=\n)/);
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

function validId(id: string): string {
  return /^[a-zA-Z0-9-_]{1,64}$/.test(id) ? id : id.replace(/[^a-zA-Z0-9-_]/g, '_').slice(0, 64) || 'cell';
}
