import type { TableName } from '../../../common/tableName';

/** A table an open profile shares, as the rewrite matches names against it. */
export interface KnownTable extends TableName {
  profile: string;
}

/** One name replaced in the cell: its span in the analyst's text and the quoted view name put there. */
export interface RefEdit {
  start: number;
  end: number;
  text: string;
  view: string;
  /** The alias the rewrite added (the table's own name, as DuckDB would bind it), when the analyst wrote none. */
  alias?: string;
  /** A column's qualifier (`demo.silver.orders` of `demo.silver.orders.amount`) replaced by the binding of `view`'s table. */
  qualifier?: true;
}
