/**
 * Which named results' tables the statements since the last look may have changed, and what those
 * tables held before the first such statement (see changedResults). Every statement the engine runs
 * that may write a table the user names goes through `guard` with the tables it may change
 * (writeTargets): a cell's statements, the `query` helper of TypeScript cells and quality checks,
 * tables made from TypeScript values, and what is run through `laneConnection` (an expectation's
 * in-place DROP ROW). One that changes none of the named tables costs nothing; before the first one
 * that may change a named table, that table's fingerprint is taken (once per result: its content
 * cannot have changed before a statement that may change it ran), and the table is noted for the
 * look after the run. A run that only read leaves nothing to look at, so its look makes no query.
 * What runs beside the watch never writes a named result's table: exports, catalog previews,
 * increment checks and publishing read, or write files and staging tables of their own; live copies
 * live in schema `__silt_live`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFingerprint, type Fingerprint } from './tableFingerprint';
import type { WriteTargets } from './writeTargets';

/** A named result as the watch needs it (the engine's named results; `held` tells a re-made one apart). */
export interface WatchedResult {
  handle: string;
  table: string;
  held: object;
}

export class WriteWatch {
  /** Tables (lower case) statements may have changed since the last look, or every named table. */
  private noted: Set<string> | 'all' = new Set();
  /** A named result's table as it was before the first statement that may have changed it, by result. */
  private readonly before = new WeakMap<object, Fingerprint>();
  /** Looks finished so far, and the tables the last one read (`[]`: it made no query); for tests and the bench. */
  looks = 0;
  lastLook: string[] = [];

  /**
   * Runs `statement`, which may change `targets`, on `conn`. `remade`: the handle of a result this
   * statement makes again (a named cell's own table), which no earlier grid shows any more.
   */
  async guard<T>(
    named: () => WatchedResult[],
    conn: DuckDBConnection,
    targets: WriteTargets,
    statement: () => Promise<T>,
    remade?: string,
  ): Promise<T> {
    if (targets === 'none') return statement();
    const hit = named().filter((r) => r.handle !== remade && (targets === 'all' || targets.includes(r.table.toLowerCase())));
    if (hit.length === 0) return statement();
    for (const r of hit) {
      if (this.before.has(r.held)) continue;
      // On the statement's own connection, so it never waits behind a grid's paging; a table that is
      // gone, or a look that failed (an interrupt), leaves the row count to tell (see changedResults).
      const f = await tableFingerprint(conn, r.table).catch(() => null);
      // Two lanes may take one at once: both began before either one's write, so the first one stays.
      if (f && !this.before.has(r.held)) this.before.set(r.held, f);
    }
    try {
      return await statement();
    } finally {
      // Noted once the statement is over, so a look that starts meanwhile leaves it for the next look.
      if (targets === 'all') this.noted = 'all';
      else if (this.noted !== 'all') for (const r of hit) this.noted.add(r.table.toLowerCase());
    }
  }

  /** The named results a look must read now (and from now on, the noted set starts empty). */
  take<R extends WatchedResult>(named: R[]): R[] {
    const noted = this.noted;
    this.noted = new Set();
    const out = noted === 'all' ? named : named.filter((r) => noted.has(r.table.toLowerCase()));
    return out;
  }

  /** A look over `read` is over (see `looks`). */
  looked(read: WatchedResult[]): void {
    this.looks++;
    this.lastLook = read.map((r) => r.table);
  }

  /** What `r`'s table held before the first statement that may have changed it, if that is known. */
  fingerprintBefore(r: WatchedResult): Fingerprint | undefined {
    return this.before.get(r.held);
  }
}
