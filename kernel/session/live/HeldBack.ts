/**
 * Raised inside a live copy's transaction when the session's expectations refuse an increment (a
 * FAIL UPDATE rule failed on the rows it adds): the transaction rolls back, so the copy keeps its
 * last good version, and the live table says why instead of re-reading the table in full.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SiltError } from '../../../common/SiltError';

export class HeldBack extends SiltError {
  constructor(
    message: string,
    /** The newest version the refused increment reached: not tried again until a newer one lands. */
    readonly version: number,
  ) {
    super('conflict', message);
  }
}

/**
 * Decides whether an increment may be applied: given the SQL of the rows it adds (readable on
 * `conn`, the live connection, inside the copy's transaction) and the version it reaches, returns
 * why it must be held back, or null to apply it.
 */
export type IncrementVetter = (table: string, addedRowsSql: string, version: number, conn: DuckDBConnection) => Promise<string | null>;
