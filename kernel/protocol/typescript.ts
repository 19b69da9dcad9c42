/**
 * TypeScript cell requests: type errors and member completions from the TypeScript compiler, for the
 * editor as the user types. `before` holds the notebook's earlier TypeScript cells, whose top-level
 * declarations the cell sees.
 */
import * as s from '../../common/schema';

/** A cell's source may be long, but a request that checks it stays bounded. */
const MAX_CELLS = 500;

export const TYPESCRIPT_PARAMS = {
  'ts.diagnostics': s.refine(
    // cellId: the editor that asks; a newer request from it makes this one obsolete while it waits.
    s.object({ sessionId: s.string(), code: s.string(), before: s.array(s.string()), cellId: s.optional(s.string()) }),
    (p) => p.before.length <= MAX_CELLS,
    `before may hold at most ${MAX_CELLS} cells`,
  ),
  'ts.completions': s.refine(
    s.object({ sessionId: s.string(), code: s.string(), before: s.array(s.string()), pos: s.number({ int: true, min: 0 }) }),
    (p) => p.before.length <= MAX_CELLS && p.pos <= p.code.length,
    `pos must be within the code and before may hold at most ${MAX_CELLS} cells`,
  ),
};

type In<K extends keyof typeof TYPESCRIPT_PARAMS> = s.Infer<(typeof TYPESCRIPT_PARAMS)[K]>;

export interface TypescriptRequests {
  /** The cell's type and syntax errors, as the compiler reports them. */
  'ts.diagnostics': { params: In<'ts.diagnostics'>; result: { diagnostics: CellDiagnostic[] } };
  /** What can be written at `pos` (an offset in `code`): members after `x.`, names otherwise. */
  'ts.completions': { params: In<'ts.completions'>; result: CellCompletions };
}

export interface CellDiagnostic {
  /** 1-based line and column of the start, in the cell's own source. */
  line: number;
  column: number;
  /** Offsets in the cell's source. */
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
  /** The compiler's number for it (shown as TS2322). */
  code: number;
}

export interface CellCompletion {
  label: string;
  /** The compiler's kind: method, property, function, const, ... */
  kind: string;
  /** The member's type, e.g. `(method) DataFrame.head(rows?: number): DataFrame`. */
  detail?: string;
  /**
   * What to write instead of the label, from `from` (an offset in the code) to the cursor: a column
   * whose name is not an identifier is written `df["odd name"]`, replacing the dot.
   */
  insert?: { text: string; from: number };
}

export interface CellCompletions {
  /** Offset in the cell where the word being completed starts. */
  from: number;
  /** True after `x.`: the options are members of x. */
  member: boolean;
  options: CellCompletion[];
}
