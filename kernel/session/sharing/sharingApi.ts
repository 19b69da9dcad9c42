/**
 * `sharing` in TypeScript cells. Everything goes through SQL, so TypeScript loads get the same
 * predicate/limit pushdown, cache and time travel as SQL cells.
 */
import { quoteLiteral } from '../../../common/sqlQuote';
import { SiltError } from '../../../common/SiltError';
import type { LiveVersion } from '../../protocol/live';
import type { SharedTables } from './SharedTables';
import type { LiveTables } from '../live/LiveTables';

export interface LoadOptions {
  version?: number;
  timestamp?: string | Date;
  limit?: number;
  /** A SQL condition over the table's columns, e.g. `region = 'EU' AND amount > 10`. */
  where?: string;
}

export interface ChangesOptions {
  startingVersion?: number;
  endingVersion?: number;
  startingTimestamp?: string | Date;
  endingTimestamp?: string | Date;
}

export interface NextVersionOptions {
  /** Give up after this long (rejects with a SiltError of code `cancelled`). */
  timeoutMs?: number;
}

/**
 * `track` hears of every subscription made, so the session can end a cell's old ones when it re-runs;
 * `signal` is the running cell's, so an interrupt ends a wait for a version.
 */
export function sharingApi(
  shared: SharedTables,
  sql: (text: string) => unknown,
  live?: LiveTables,
  track?: (unsubscribe: () => void) => void,
  signal?: () => AbortSignal | undefined,
) {
  const iso = (t: string | Date) => (t instanceof Date ? t.toISOString() : t);
  const bound = (v?: number, t?: string | Date) => (v !== undefined ? String(v) : t !== undefined ? quoteLiteral(iso(t)) : undefined);
  return {
    /** The shared tables of every open profile, as `{ share, schema, name, profile }`. */
    async tables() {
      const tables = await shared.tables(true);
      // An empty list because every server refused or was down would read as "nothing is shared".
      const failures = shared.listingFailures();
      if (tables.length === 0 && failures.length > 0) throw failures[0];
      return tables.map((t) => ({ share: t.share, schema: t.schema, name: t.table, profile: t.profile }));
    },
    /** A shared table (or one version of it) as a DataFrame; `.arrow` holds the Arrow table. */
    load(name: string, opts: LoadOptions = {}) {
      if (opts.version !== undefined && opts.timestamp !== undefined)
        throw new Error('sharing.load: give a version or a timestamp, not both');
      const travel =
        opts.version !== undefined
          ? ` VERSION AS OF ${Math.trunc(opts.version)}`
          : opts.timestamp !== undefined
            ? ` TIMESTAMP AS OF ${quoteLiteral(iso(opts.timestamp))}`
            : '';
      const where = opts.where ? ` WHERE ${opts.where}` : '';
      const limit = opts.limit !== undefined ? ` LIMIT ${Math.trunc(opts.limit)}` : '';
      return sql(`SELECT * FROM ${name}${travel}${where}${limit}`);
    },
    /** Change data feed rows (with _change_type, _commit_version, _commit_timestamp) as a DataFrame. */
    changes(name: string, opts: ChangesOptions) {
      const start = bound(opts.startingVersion, opts.startingTimestamp);
      if (start === undefined) throw new Error('sharing.changes: give startingVersion or startingTimestamp');
      const end = bound(opts.endingVersion, opts.endingTimestamp);
      return sql(`SELECT * FROM table_changes(${quoteLiteral(name)}, ${start}${end !== undefined ? `, ${end}` : ''})`);
    },
    /**
     * Calls `cb` with the change rows (records with `_change_type`) of every new version of a shared
     * table, making it live if it is not; returns the function that unsubscribes.
     */
    subscribe(name: string, cb: (rows: Record<string, unknown>[]) => void): () => void {
      if (!live) throw new Error('sharing.subscribe is not available in this session');
      if (typeof cb !== 'function') throw new Error('sharing.subscribe: pass a callback, e.g. sharing.subscribe(name, (rows) => ...)');
      const off = live.subscribe(name, cb);
      track?.(off);
      return off;
    },
    /**
     * Waits for the next version of a shared table (making it live if it is not) and resolves with it
     * (`{ table, version, previousVersion, landedAt, rowsInserted, rowsDeleted, rowCount }`; landedAt,
     * the commit time, is absent when the server does not tell it) once the local copy holds it, so
     * SQL run after the await reads it. Rejects on `timeoutMs` or interrupt.
     */
    nextVersion(name: string, opts: NextVersionOptions = {}): Promise<LiveVersion> {
      if (!live) throw new Error('sharing.nextVersion is not available in this session');
      const t = opts.timeoutMs;
      if (t !== undefined && !(typeof t === 'number' && t >= 0 && Number.isFinite(t)))
        throw new SiltError('bad-request', 'sharing.nextVersion: timeoutMs must be a number of milliseconds, 0 or more');
      return live.nextVersion(name, { timeoutMs: t, signal: signal?.() });
    },
    /** Opens a profile (`.share` path or JSON text) for this session; returns its name. */
    addProfile(pathOrJson: string, name?: string) {
      return shared.addProfile(pathOrJson, name);
    },
    /** Open profiles with their endpoints and expiry warnings (never their tokens). */
    profiles() {
      return shared.profiles();
    },
  };
}
