/**
 * The session's live tables: start, pause, resume, stop, list; the hook through which SQL that names
 * a live table reads its local copy; subscriptions from TypeScript; and the lock a cell run holds so
 * it never reads a copy half-way through an increment.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LiveTableInfo } from '../../protocol/live';
import type { Notify } from '../Notify';
import type { KnownTable } from '../sharing/findSharedRefs';
import type { SharedTables } from '../sharing/SharedTables';
import { LiveTable, MAX_BACKOFF_MS, type ChangeListener } from './LiveTable';
import { Mutex } from './Mutex';
import { formatProfileTableName, formatTableName } from '../../../common/tableName';

export interface LiveOptions {
  /** Upper bound of the wait after failed polls (default 60 s). */
  maxBackoffMs?: number;
}

export class LiveTables {
  readonly lock = new Mutex();
  private tables = new Map<string, LiveTable>();
  /** Tables started only because TypeScript subscribed; they stop with their last subscriber. */
  private bySubscription = new Set<string>();
  private counter = 0;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly shared: SharedTables,
    private readonly conn: DuckDBConnection,
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
      this.notify({ type: 'live.status', table: label, state: 'error', message: e instanceof Error ? e.message : String(e) });
      throw e;
    }
    return table.info();
  }

  async pause(name: string): Promise<LiveTableInfo> {
    const t = await this.get(name);
    t.pause();
    return t.info();
  }

  async resume(name: string): Promise<LiveTableInfo> {
    const t = await this.get(name);
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
    this.notify({ type: 'live.status', table: t.label, state: 'paused', message: 'stopped' });
  }

  list(): LiveTableInfo[] {
    return [...this.tables.values()].map((t) => t.info());
  }

  /**
   * Calls `listener` with the change rows of every new version. Starts the table when it is not live;
   * that happens in the background, since a cell that subscribes holds the run lock the load needs.
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
  }

  private find(t: KnownTable): LiveTable | undefined {
    return this.tables.get(keyOf(t));
  }

  private async get(name: string): Promise<LiveTable> {
    const t = this.tables.get(keyOf(await this.resolve(name)));
    if (!t) throw new Error(`${name} is not live; start it first.`);
    return t;
  }

  /** A dotted name → the open profiles' table, case-insensitively, split from the right (§Names). */
  private async resolve(name: string): Promise<KnownTable> {
    const match = (known: KnownTable[]) => {
      const n = name.toLowerCase();
      const hits = known.filter((k) => formatTableName(k).toLowerCase() === n || formatProfileTableName(k).toLowerCase() === n);
      if (hits.length > 1)
        throw new Error(
          `"${name}" is shared by several open profiles (${hits.map((h) => h.profile).join(', ')}); write profile.share.schema.table.`,
        );
      return hits[0];
    };
    const found = match(await this.shared.tables()) ?? match(await this.shared.tables(true));
    if (!found) throw new Error(`"${name}" is not a shared table of an open profile.`);
    return found;
  }

  private host() {
    return { conn: this.conn, lock: this.lock, notify: this.notify, maxBackoffMs: this.maxBackoffMs };
  }
}

function keyOf(t: KnownTable): string {
  return `${t.profile}\n${formatTableName(t)}`.toLowerCase();
}
