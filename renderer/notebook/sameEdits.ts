/**
 * Whether two notebooks differ in anything a person edits: cells (which, in which order, their
 * kind, language, source, name, live setting, tags and metadata) and the notebook's metadata.
 * Outputs, execution counts and timings are what runs write, so they do not count.
 *
 * Cells and metadata are shared by reference between a document and its earlier states, so the
 * common case (nothing touched) is decided by identity without reading any source.
 */
import type { Cell, NotebookModel } from '../../kernel/protocol/notebook';

export function sameEdits(a: NotebookModel, b: NotebookModel): boolean {
  if (a === b) return true;
  if (a.metadata !== b.metadata && !sameJson(a.metadata, b.metadata)) return false;
  if (a.cells.length !== b.cells.length) return false;
  return a.cells.every((x, i) => sameCell(x, b.cells[i]));
}

function sameCell(x: Cell, y: Cell): boolean {
  if (x === y) return true;
  if (x.id !== y.id || x.type !== y.type || x.source !== y.source) return false;
  if (!sameJson(x.extraMetadata, y.extraMetadata) || !sameJson('tags' in x ? x.tags : undefined, 'tags' in y ? y.tags : undefined))
    return false;
  if (x.type === 'code' && y.type === 'code') return x.language === y.language && x.name === y.name && x.live === y.live;
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
