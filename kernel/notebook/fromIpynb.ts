/**
 * nbformat 4 JSON → notebook model. Opens files written by Jupyter (any 4.x minor, with or without
 * cell ids, outputs in any MIME type) and keeps what it does not understand for the next save.
 */
import { randomUUID } from 'node:crypto';
import type { Cell, CodeLanguage, NotebookModel, Output } from '../protocol';
import { NotebookFormatError } from './NotebookFormatError';
import { bundleToTable } from './tableBundle';

export function parseIpynb(text: string, path = 'notebook'): NotebookModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${path} is not valid JSON (${(e as Error).message}); it cannot be opened as a notebook.`);
  }
  return fromIpynb(json, path);
}

export function fromIpynb(json: unknown, path = 'notebook'): NotebookModel {
  if (!isObject(json)) throw new NotebookFormatError(`${path} is not a notebook: expected a JSON object.`);
  if (json.nbformat !== 4) {
    const v = json.nbformat === undefined ? 'no nbformat version' : `nbformat ${asText(json.nbformat)}`;
    throw new NotebookFormatError(
      `${path} has ${v}; Silt opens nbformat 4 notebooks. Convert older ones with "jupyter nbconvert --to notebook --nbformat 4".`,
    );
  }
  if (!Array.isArray(json.cells)) throw new NotebookFormatError(`${path} has no "cells" list.`);
  const metadata = isObject(json.metadata) ? { ...json.metadata } : {};
  const seen = new Set<string>();
  const cells = json.cells.map((c, i) => cellFromJson(c, i, path, seen));
  return { cells, metadata };
}

function cellFromJson(c: unknown, index: number, path: string, seen: Set<string>): Cell {
  if (!isObject(c)) throw new NotebookFormatError(`${path}: cell ${index + 1} is not an object.`);
  let id = typeof c.id === 'string' && c.id && !seen.has(c.id) ? c.id : randomUUID().slice(0, 8);
  while (seen.has(id)) id = randomUUID().slice(0, 8);
  seen.add(id);
  const meta = isObject(c.metadata) ? { ...c.metadata } : {};
  const tags = Array.isArray(meta.tags) ? meta.tags.filter((t): t is string => typeof t === 'string') : undefined;
  delete meta.tags;
  const source = joinLines(c.source);
  const extra = Object.keys(meta).length ? meta : undefined;
  if (c.cell_type === 'markdown')
    return { id, type: 'markdown', source, ...(extra ? { extraMetadata: extra } : {}), ...(tags ? { tags } : {}) };
  if (c.cell_type === 'raw') return { id, type: 'raw', source, ...(extra ? { extraMetadata: extra } : {}) };
  if (c.cell_type !== 'code') throw new NotebookFormatError(`${path}: cell ${index + 1} has unknown type "${asText(c.cell_type)}".`);
  const silt = isObject(meta.silt) ? meta.silt : {};
  delete meta.silt;
  const language: CodeLanguage = silt.language === 'sql' ? 'sql' : 'typescript';
  return {
    id,
    type: 'code',
    language,
    source,
    ...(typeof silt.name === 'string' && silt.name ? { name: silt.name } : {}),
    ...(typeof silt.elapsedMs === 'number' ? { elapsedMs: silt.elapsedMs } : {}),
    ...(silt.live === 'auto' || silt.live === 'manual' ? { live: silt.live } : {}),
    outputs: Array.isArray(c.outputs) ? c.outputs.map(outputFromJson).filter((o): o is Output => o !== null) : [],
    executionCount: typeof c.execution_count === 'number' ? c.execution_count : null,
    ...(Object.keys(meta).length ? { extraMetadata: meta } : {}),
    ...(tags ? { tags } : {}),
  };
}

function outputFromJson(o: unknown): Output | null {
  if (!isObject(o)) return null;
  switch (o.output_type) {
    case 'stream':
      return { kind: 'stream', name: o.name === 'stderr' ? 'stderr' : 'stdout', text: joinLines(o.text) };
    case 'error': {
      const traceback = Array.isArray(o.traceback) ? o.traceback.map(asText) : [];
      const m = traceback.map((t) => /^line (\d+):/.exec(t)).find(Boolean);
      return {
        kind: 'error',
        ename: asText(o.ename ?? 'Error'),
        message: asText(o.evalue ?? ''),
        ...(m ? { line: Number(m[1]) } : {}),
        traceback: traceback.filter((t) => !/^line \d+:$/.test(t)),
      };
    }
    case 'execute_result':
    case 'display_data': {
      const data = isObject(o.data) ? o.data : {};
      const table = bundleToTable(data, isObject(o.metadata) ? o.metadata : undefined);
      if (table) return table;
      const rich: Record<string, string> = {};
      for (const [k, v] of Object.entries(data)) rich[k] = typeof v === 'string' || Array.isArray(v) ? joinLines(v) : JSON.stringify(v);
      return { kind: 'rich', data: rich };
    }
    default:
      return null;
  }
}

function joinLines(v: unknown): string {
  if (Array.isArray(v)) return v.map(asText).join('');
  return typeof v === 'string' ? v : '';
}

/**
 * A JSON value as text. String() throws on an object whose `toString` is not a function (a file can
 * say `{"toString": 0}`), so anything but a primitive is written as JSON instead.
 */
function asText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
