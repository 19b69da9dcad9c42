/**
 * Result requests beyond paging: a sorted and filtered view of a held result, the most frequent
 * values of one column, and a profile of every column. All run in the session's DuckDB over the
 * whole result, so they work the same on 200 rows and on 10 million.
 */
import * as s from '../../common/schema';
import { FILTER_OPS, type FilterOp } from '../../common/filterOps';

export type { FilterOp };

const sortKey = s.object({ column: s.string(), desc: s.boolean() });
const columnFilter = s.object({
  column: s.string(),
  op: s.oneOf(FILTER_OPS, 'filter operator'),
  /** As the user typed it; DuckDB casts it to the column's type (a value that does not fit is refused). */
  value: s.optional(s.string()),
  /** The upper bound of `between`. */
  value2: s.optional(s.string()),
});

export type SortKey = s.Infer<typeof sortKey>;
export type ColumnFilter = s.Infer<typeof columnFilter>;

/** The params of each result request, checked at run time; their types below are inferred from these. */
export const RESULT_PARAMS = {
  'result.view': s.object({
    sessionId: s.string(),
    /** The result as its cell produced it (never a view handle). */
    handle: s.string(),
    /** Primary key first. */
    sort: s.array(sortKey),
    /** All must hold. */
    filters: s.array(columnFilter),
  }),
  'result.topValues': s.object({ sessionId: s.string(), handle: s.string(), column: s.string() }),
  'result.profile': s.object({ sessionId: s.string(), handle: s.string() }),
};

type In<K extends keyof typeof RESULT_PARAMS> = s.Infer<(typeof RESULT_PARAMS)[K]>;

export interface ResultRequests {
  /**
   * The result sorted and filtered, as a new handle that `result.page` reads. A result has one view
   * at a time: asking for another drops the one before (so views never pile up in memory). With no
   * sort and no filter the answer is the result's own handle.
   */
  'result.view': { params: In<'result.view'>; result: { handle: string; rowCount: number } };
  /** The 10 most frequent values of a column (NULL included), most frequent first. */
  'result.topValues': { params: In<'result.topValues'>; result: { values: TopValue[] } };
  /** Per column: nulls, distinct count, range, mean and a histogram or top values. */
  'result.profile': { params: In<'result.profile'>; result: { rowCount: number; columns: ColumnProfile[] } };
}

export interface TopValue {
  /** As text (exact digits), or null for NULL. */
  value: string | null;
  count: number;
}

export interface HistogramBin {
  /** Bounds as numbers: the value itself, or epoch seconds for dates and timestamps. */
  lo: number;
  hi: number;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  /** How it was summarised: numbers and dates get a histogram, everything else top values. */
  kind: 'numeric' | 'temporal' | 'other';
  nulls: number;
  /** Of all rows, 0–100. */
  nullPercent: number;
  /** Distinct non-null values: exact when `distinctExact`, else approximate (HyperLogLog, as DuckDB's SUMMARIZE counts it). */
  approxDistinct: number;
  /** Whether approxDistinct is exact (results up to a million rows). */
  distinctExact?: boolean;
  /** Exact, as text. */
  min: string | null;
  max: string | null;
  /** Numbers only. */
  mean: number | null;
  histogram?: HistogramBin[];
  top?: TopValue[];
}

/** A result's table changed or went after its cell ran (kernel/engine/changedResults.ts): its grid says so. */
export type ResultNotice = { kind: 'event'; type: 'result.changed'; sessionId: string; handle: string; message: string };
