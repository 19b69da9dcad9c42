/** The variables panel's requests: what the session holds (TypeScript globals and SQL tables), and a first look at one. */
import * as s from '../../common/schema';
import type { TableOutput } from './notebook';

export const VARIABLES_PARAMS = {
  'session.variables': s.object({ sessionId: s.string() }),
  'session.variablePreview': s.object({ sessionId: s.string(), name: s.string() }),
};

type In<K extends keyof typeof VARIABLES_PARAMS> = s.Infer<(typeof VARIABLES_PARAMS)[K]>;

export interface VariablesRequests {
  /** The session's variables, sorted by name: TypeScript cells' globals, then SQL tables and named results. */
  'session.variables': { params: In<'session.variables'>; result: { variables: VariableInfo[] } };
  /** The first rows of a tabular variable (a DataFrame, an Arrow table, records, a SQL table); `bad-request` otherwise. */
  'session.variablePreview': { params: In<'session.variablePreview'>; result: VariablePreview };
}

export type VariableKind =
  'dataframe' | 'arrow' | 'array' | 'object' | 'number' | 'string' | 'boolean' | 'function' | 'sql-table' | 'sql-result' | 'other';

export interface VariableInfo {
  name: string;
  kind: VariableKind;
  /** The value's type as the analyst knows it: `DataFrame`, `number`, `Map`, `VIEW`… */
  type: string;
  /** Rows and columns of a table-like value. */
  rows?: number;
  columns?: number;
  /** Items of an array, characters of a string, keys of an object, entries of a Map or Set. */
  length?: number;
  /** A short rendering of a scalar (`42`, `"north"`). */
  summary?: string;
  /** Approximate memory in bytes, when it can be estimated cheaply. */
  bytes?: number;
  /**
   * A SQL table's `rows` and `bytes` when not measured just now: `last-known`, its last measure (at
   * `measuredAt`), kept because a cell runs on the only connection that sees this TEMP table, and it
   * may have changed since; `after-run`, never measured yet: measured once that cell ends.
   */
  measure?: 'last-known' | 'after-run';
  /** `last-known`: when it was measured (ms since the epoch). */
  measuredAt?: number;
  /** Whether `session.variablePreview` can show it as a grid. */
  tabular: boolean;
}

export interface VariablePreview {
  /** The first rows only (`rows.length` ≤ the preview limit); `rowCount` is the whole value's. */
  output: TableOutput;
  rowCount: number;
}
