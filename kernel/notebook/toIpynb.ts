/**
 * Notebook model → nbformat 4.5 JSON that `nbformat.validate` and `jupyter nbconvert` accept.
 * Silt's own facts ride in `metadata.silt`; metadata Silt does not know is written back untouched.
 */
import type { Cell, NotebookModel, Output } from '../protocol';
import { tableToBundle } from './tableBundle';

/** Text outputs beyond this are cut when stored, so a chatty loop cannot bloat the file. */
export const MAX_STREAM_CHARS = 200_000;

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
    outputs: mergeStreams(cell.outputs).map((o) => outputToJson(o, cell.executionCount)),
  };
}

function outputToJson(o: Output, executionCount: number | null): Record<string, unknown> {
  switch (o.kind) {
    case 'table':
      return { output_type: 'execute_result', execution_count: executionCount, ...tableToBundle(o) };
    case 'stream':
      return { output_type: 'stream', name: o.name, text: splitLines(capText(o.text)) };
    case 'rich':
      return { output_type: 'display_data', data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, isTextual(k) ? splitLines(v) : v])), metadata: {} };
    case 'error':
      return {
        output_type: 'error',
        ename: o.ename,
        evalue: o.message,
        traceback: o.line !== undefined && !o.traceback.some((t) => t.startsWith(`line ${o.line}:`)) ? [`line ${o.line}:`, ...o.traceback] : o.traceback,
      };
  }
}

/** Consecutive writes to one stream are one output, as Jupyter stores them. */
function mergeStreams(outputs: Output[]): Output[] {
  const out: Output[] = [];
  for (const o of outputs) {
    const prev = out[out.length - 1];
    if (o.kind === 'stream' && prev?.kind === 'stream' && prev.name === o.name) out[out.length - 1] = { ...prev, text: prev.text + o.text };
    else out.push(o);
  }
  return out;
}

function capText(s: string): string {
  return s.length <= MAX_STREAM_CHARS ? s : s.slice(0, MAX_STREAM_CHARS) + `\n[output truncated: ${s.length - MAX_STREAM_CHARS} more characters]\n`;
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
