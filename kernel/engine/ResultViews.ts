/**
 * Sorted and filtered views of held results, paged like any result. A view starts as a query: its
 * first pages are a top-N read of the result's table (DuckDB keeps only the N best rows, a tenth of
 * a second on 10M rows) so the grid shows a sorted result at once. Only when someone pages deep
 * (scrolling far, copying many rows) is the whole view sorted once into a table, read by rowid
 * from then on. Each result has at most one view: a new sort or filter drops the one before.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SiltError } from '../../common/SiltError';
import { quoteIdent } from '../../common/sqlQuote';
import type { CellValue } from '../protocol';
import type { ColumnFilter, SortKey } from '../protocol/results';
import { orderSql, whereSql } from './viewSql';

/** Pages up to this many rows deep are read by a top-N query; deeper ones sort the view once. */
const DIRECT_ROWS = 10_000;

interface View {
  base: string;
  /** The table of the base result. */
  source: string;
  where: string;
  order: string;
  rowCount: number;
  /** The table holding the view in order, once someone paged deep. */
  table?: Promise<string>;
}

export class ResultViews {
  private readonly views = new Map<string, View>();
  private readonly byBase = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly prefix: string,
  ) {}

  has(handle: string): boolean {
    return this.views.has(handle);
  }

  /** A view of `base` (whose rows live in `source`); replaces the base's previous view. */
  async create(
    base: string,
    source: string,
    columns: readonly string[],
    sort: readonly SortKey[],
    filters: readonly ColumnFilter[],
  ): Promise<{ handle: string; rowCount: number }> {
    const where = whereSql(filters, columns);
    const order = orderSql(sort, columns);
    let rowCount: number;
    try {
      const reader = await this.connection.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(source)} ${where}`);
      rowCount = Number(reader.getRowsJson()[0][0]);
    } catch (e) {
      // The SQL is ours and the names are checked, so what fails here is a value that does not fit its column.
      const raw = (e as Error).message.replace(/^[A-Za-z ]+ Error: /, '');
      throw new SiltError('bad-request', `The filter cannot be applied: ${raw}`);
    }
    await this.dropFor(base);
    const handle = `${this.prefix}${++this.counter}`;
    this.views.set(handle, { base, source, where, order, rowCount });
    this.byBase.set(base, handle);
    return { handle, rowCount };
  }

  async page(handle: string, offset: number, limit: number): Promise<CellValue[][]> {
    const view = this.views.get(handle);
    if (!view) throw new SiltError('not-found', 'This view of the result was replaced or dropped; sort or filter again.');
    const from = Math.floor(offset);
    const count = Math.floor(limit);
    if (from + count <= DIRECT_ROWS) {
      const reader = await this.connection.runAndReadAll(
        `SELECT * FROM ${quoteIdent(view.source)} ${view.where} ${view.order} LIMIT ${count} OFFSET ${from}`,
      );
      return reader.getRowsJson() as CellValue[][];
    }
    view.table ??= this.materialise(handle, view).catch((e: unknown) => {
      view.table = undefined;
      throw e;
    });
    const table = await view.table;
    const reader = await this.connection.runAndReadAll(
      `SELECT * FROM ${quoteIdent(table)} WHERE rowid >= ${from} AND rowid < ${from + count} ORDER BY rowid`,
    );
    return reader.getRowsJson() as CellValue[][];
  }

  /** Drops the view of a result (when it is re-sorted, unsorted or forgotten). */
  async dropFor(base: string): Promise<void> {
    const handle = this.byBase.get(base);
    if (handle === undefined) return;
    this.byBase.delete(base);
    const view = this.views.get(handle);
    this.views.delete(handle);
    if (view?.table) {
      const table = await view.table.catch(() => null);
      if (table) await this.connection.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    }
  }

  private async materialise(handle: string, view: View): Promise<string> {
    // Without sort keys the filter keeps the result's order: DuckDB preserves insertion order.
    // An ordinary table (like results), not TEMP: a TEMP one is seen only by the connection that made it.
    await this.connection.run(
      `CREATE OR REPLACE TABLE ${quoteIdent(handle)} AS SELECT * FROM ${quoteIdent(view.source)} ${view.where} ${view.order}`,
    );
    return handle;
  }
}
