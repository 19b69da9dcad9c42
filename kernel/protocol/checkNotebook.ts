/**
 * The runtime shape of a NotebookModel in a request (save, autosave, report). The file writer trusts
 * the model's types; a stale tab or a hostile page could send anything, and a cell without a source
 * used to end as a TypeError reported as `internal`. Returns what is wrong, or null.
 */
import * as s from '../../common/schema';
import type { Cell, NotebookModel, Output } from './notebook';

type Check = (v: unknown) => boolean;

/**
 * A check for every field of each variant but its tag, so a new output kind, cell type or field in
 * notebook.ts fails the type check here until it is checked too.
 */
type FieldChecks<U, Tag extends keyof U> = {
  [K in U[Tag] & string]: { [F in Exclude<keyof Extract<U, Record<Tag, K>>, Tag>]-?: Check };
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const strings: Check = (v) => Array.isArray(v) && v.every(str);
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);

/** Required and optional fields of each kind of thing, by name. */
function fieldsProblem(what: string, o: Record<string, unknown>, fields: Record<string, Check>): string | null {
  for (const [name, ok] of Object.entries(fields)) if (!ok(o[name])) return `${what}: ${name} is missing or of the wrong type`;
  return null;
}

const OUTPUT_FIELDS: FieldChecks<Output, 'kind'> = {
  stream: { name: oneOf('stdout', 'stderr'), text: str },
  rich: { data: (v) => isObject(v) && Object.values(v).every(str) },
  error: { ename: str, message: str, traceback: strings, line: optional(num), column: optional(num) },
  table: {
    rowCount: num,
    handle: optional(str),
    columns: (v) => Array.isArray(v) && v.every((c) => isObject(c) && str(c.name) && str(c.type)),
    rows: (v) => Array.isArray(v) && v.every(Array.isArray),
  },
};

const CELL_FIELDS: FieldChecks<Cell, 'type'> = {
  code: {
    id: str,
    source: str,
    language: oneOf('sql', 'typescript'),
    outputs: Array.isArray,
    executionCount: (v) => v === null || num(v),
    name: optional(str),
    elapsedMs: optional(num),
    live: optional(oneOf('auto', 'manual')),
    extraMetadata: optional(isObject),
    tags: optional(strings),
  },
  markdown: { id: str, source: str, extraMetadata: optional(isObject), tags: optional(strings) },
  raw: { id: str, source: str, extraMetadata: optional(isObject) },
};

/** The field checks for a variant named by a value from the wire, if it is one of ours. */
function variant(table: object, tag: unknown): Record<string, Check> | null {
  return typeof tag === 'string' && Object.hasOwn(table, tag) ? (table as Record<string, Record<string, Check>>)[tag] : null;
}

export function notebookProblem(nb: unknown): string | null {
  if (!isObject(nb)) return 'is not an object';
  if (!isObject(nb.metadata)) return 'metadata must be an object';
  if (!Array.isArray(nb.cells)) return 'cells must be a list';
  for (const [i, cell] of nb.cells.entries()) {
    const where = `cell ${i + 1}`;
    if (!isObject(cell)) return `${where} is not an object`;
    const fields = variant(CELL_FIELDS, cell.type);
    if (!fields) return `${where} has no known type (code, markdown or raw)`;
    const problem = fieldsProblem(where, cell, fields);
    if (problem) return problem;
    for (const [j, out] of ((cell.outputs as unknown[] | undefined) ?? []).entries()) {
      const at = `${where}, output ${j + 1}`;
      if (!isObject(out)) return `${at} is not an object`;
      const kind = variant(OUTPUT_FIELDS, out.kind);
      if (!kind) return `${at} has no known kind (stream, rich, error or table)`;
      const bad = fieldsProblem(at, out, kind);
      if (bad) return bad;
    }
  }
  return null;
}

/** A request's notebook field: any problem is worded `the notebook cell 2: source is missing…`. */
export const notebookModel = s.custom<NotebookModel>((value, path) => {
  // The wording of the generic object check that came before this one, which clients match.
  if (!isObject(value)) return `${path} must be a object`;
  const problem = notebookProblem(value);
  return problem ? `the ${path} ${problem}` : undefined;
});
