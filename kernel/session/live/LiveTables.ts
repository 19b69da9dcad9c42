/**
 * The session's live tables: start, pause, resume, stop, list; the hook through which SQL that names
 * a live table reads its local copy; subscriptions and version waits from TypeScript; and the claims
 * that let one window per change re-run the dependent cells. Copies are written on a connection of
 * their own (see LiveCopy), so nothing here waits for a running cell, nor a cell for this.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IncrementVetter } from './HeldBack';
import type { LiveTableInfo, LiveVersion } from '../../protocol/live';
import type { Notify } from '../Notify';
import type { KnownTable } from '../sharing/findSharedRefs';
import type { SharedTables } from '../sharing/SharedTables';
import { LiveTable, MAX_BACKOFF_MS, type ChangeListener } from './LiveTable';
import { Mutex } from './Mutex';
import { liveFailure } from './liveFailure';
import { formatProfileTableName, formatTableName } from '../../../common/tableName';
import { SiltError } from '../../../common/SiltError';

export interface LiveOptions {
  /** Upper bound of the wait after failed polls (default 60 s). */
  maxBackoffMs?: number;
}

export class LiveTables {
  /** One writer at a time on the live connection (each change is one transaction on it). */
  private readonly lock = new Mutex();
  private connection: Promise<DuckDBConnection> | null = null;
  private tables = new Map<string, LiveTable>();
  /** Table label (lower case) → the newest version whose re-runs a window has claimed. */
  private claimed = new Map<string, number>();
  /** Tables started only because TypeScript subscribed; they stop with their last subscriber. */
  private bySubscription = new Set<string>();
  private counter = 0;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly shared: SharedTables,
    /** Opens the live tables' own connection to the session's database (once, when first needed). */
    private readonly connect: () => Promise<DuckDBConnection>,
    private readonly notify: Notify,
    opts: LiveOptions = {},
  ) {
    this.maxBackoffMs = opts.maxBackoffMs ?? MAX_BACKOFF_MS;
    shared.liveSource = (t) => this.find(t)?.selectSql();
  }

  /** Makes `name` (share.schema.table, optionally profile-qualified) live; resolves once its copy is loaded. */
  async start(name: string, intervalMs?: number): Promise<LiveTableInfo> {
    const known = await this.resolve(name);
    const key = keyOf(known);
    this.bySubscription.delete(key);
    const existing = this.tables.get(key);
    if (existing) {
      if (intervalMs !== undefined) existing.setInterval(intervalMs);
      return existing.info();
    }
    const label = formatTableName(known);
    const table = new LiveTable(label, known, this.shared.client(known.profile), `__silt_live_${++this.counter}`, this.host(), intervalMs);
    this.tables.set(key, table);
    try {
      await table.start();
    } catch (e) {
      this.tables.delete(key);
      await table.stop().catch(() => undefined);
      const failure = liveFailure(e);
      this.notify({ type: 'live.status', table: label, state: 'error', message: failure.message, code: failure.code });
      throw e;
    }
    return table.info();
  }

  async pause(name: string): Promise<LiveTableInfo> {
    const t = await this.get(name);
    t.pause();
    return t.info();
  }

  /** Polls again (after a pause, or at once after an error); a table not live (after a restart) is started. */
  async resume(name: string): Promise<LiveTableInfo> {
    const t = this.tables.get(keyOf(await this.resolve(name)));
    if (!t) return this.start(name);
    t.resume();
    return t.info();
  }

  async stop(name: string): Promise<void> {
    const known = await this.resolve(name);
    const key = keyOf(known);
    const t = this.tables.get(key);
    if (!t) return;
    this.tables.delete(key);
    this.bySubscription.delete(key);
    await t.stop();
    this.notify({ type: 'live.status', table: t.label, state: 'stopped' });
  }

  /**
   * Grants a window the re-runs of these table versions when any is newer than what was claimed
   * before: of several windows on one session, only the first to ask re-runs a change.
   */
  claim(versions: Record<string, number>): { granted: boolean } {
    let granted = false;
    for (const [table, version] of Object.entries(versions)) {
      const key = table.toLowerCase();
      if (version > (this.claimed.get(key) ?? -Infinity)) {
        this.claimed.set(key, version);
        granted = true;
      }
    }
    return { granted };
  }

  /**
   * Resolves with the next version the local copy takes after this call (starting the table if it is
   * not live); rejects with `cancelled` after `timeoutMs` or when `signal` aborts (the cell stopped).
   */
  async nextVersion(name: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LiveVersion> {
    const known = await this.resolve(name);
    let table = this.tables.get(keyOf(known));
    if (!table) {
      await this.start(name);
      table = this.tables.get(keyOf(known))!;
    }
    const t = table;
    return new Promise<LiveVersion>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        t.versionWaiters.delete(waiter);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const waiter = (v: LiveVersion) => {
        done();
        resolve(v);
      };
      const onAbort = () => {
        done();
        reject(new SiltError('cancelled', `Stopped waiting for a new version of ${t.label}: the run was interrupted.`));
      };
      if (opts.signal?.aborted) return onAbort();
      t.versionWaiters.add(waiter);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.timeoutMs !== undefined)
        timer = setTimeout(() => {
          done();
          reject(
            new SiltError('cancelled', `No new version of ${t.label} within ${formatMs(opts.timeoutMs!)} (it holds v${t.info().version}).`),
          );
        }, opts.timeoutMs);
    });
  }

  list(): LiveTableInfo[] {
    return [...this.tables.values()].map((t) => t.info());
  }

  /**
   * Calls `listener` with the change rows of every new version. Starts the table when it is not live,
   * in the background, so `subscribe` itself returns at once.
   */
  subscribe(name: string, listener: ChangeListener): () => void {
    let table: LiveTable | undefined;
    let cancelled = false;
    const attach = async () => {
      const known = await this.resolve(name);
      const key = keyOf(known);
      if (!this.tables.has(key)) {
        await this.start(name);
        this.bySubscription.add(key);
      }
      table = this.tables.get(key);
      if (cancelled) return;
      table?.listeners.add(listener);
    };
    attach().catch((e) =>
      this.notify({
        type: 'session.notice',
        level: 'warning',
        message: `sharing.subscribe('${name}'): ${e instanceof Error ? e.message : String(e)}`,
      }),
    );
    return () => {
      cancelled = true;
      if (!table) return;
      table.listeners.delete(listener);
      const key = keyOf(table.known);
      if (table.listeners.size === 0 && this.bySubscription.has(key)) void this.stop(name).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    for (const t of this.tables.values()) await t.stop().catch(() => undefined);
    this.tables.clear();
    const conn = await this.connection?.catch(() => null);
    conn?.closeSync();
    this.connection = null;
  }

  private find(t: KnownTable): LiveTable | undefined {
    return this.tables.get(keyOf(t));
  }

  private async get(name: string): Promise<LiveTable> {
    const t = this.tables.get(keyOf(await this.resolve(name)));
    if (!t) throw new SiltError('not-found', `${name} is not live (the session may have restarted); make it live again.`);
    return t;
  }

  /** A dotted name → the open profiles' table, case-insensitively, split from the right (§Names). */
  private async resolve(name: string): Promise<KnownTable> {
    const match = (known: KnownTable[]) => {
      const n = name.toLowerCase();
      const hits = known.filter((k) => formatTableName(k).toLowerCase() === n || formatProfileTableName(k).toLowerCase() === n);
      if (hits.length > 1)
        throw new SiltError(
          'bad-request',
          `"${name}" is shared by several open profiles (${hits.map((h) => h.profile).join(', ')}); write profile.share.schema.table.`,
        );
      return hits[0];
    };
    const found = match(await this.shared.tables()) ?? match(await this.shared.tables(true));
    if (!found) throw new SiltError('not-found', `"${name}" is not a shared table of an open profile.`);
    return found;
  }

  /** The session's expectations on increments, set once the session has them. */
  vet: IncrementVetter | null = null;

  private host() {
    const conn = () => (this.connection ??= this.connect());
    const vet: IncrementVetter = (...args) => (this.vet ? this.vet(...args) : Promise.resolve(null));
    return { conn, lock: this.lock, notify: this.notify, maxBackoffMs: this.maxBackoffMs, vet };
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function keyOf(t: KnownTable): string {
  return `${t.profile}\n${formatTableName(t)}`.toLowerCase();
}
