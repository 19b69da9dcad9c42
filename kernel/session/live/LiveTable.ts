/**
 * One live table: polls the cheap `/version` call (checklist 50) on an interval, and on a new version
 * reads only the increment and applies it to the local copy. Polling never hammers a server: the
 * interval has a floor, and failures back off exponentially up to a cap, then recover by themselves.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LiveState, LiveTableInfo } from '../../protocol/live';
import { SharingClient, SharingError } from '../../sharing/client';
import type { SharedMetadata, TableRef } from '../../sharing/client/types';
import type { Notify } from '../Notify';
import type { KnownTable } from '../sharing/findSharedRefs';
import { LiveCopy } from './LiveCopy';
import type { Mutex } from './Mutex';
import { commitTime, readIncrement, readSnapshot, type LiveMode } from './readIncrement';
import { schemaChange } from './schemaChange';

/** Never poll one table more often than this, whatever was asked. */
export const MIN_INTERVAL_MS = 500;
/** A server on this machine (the demo share) is cheap to ask; a remote one is asked rarely (§Streaming). */
export const LOOPBACK_INTERVAL_MS = 2000;
export const REMOTE_INTERVAL_MS = 30_000;
export const MAX_BACKOFF_MS = 60_000;

export interface LiveHost {
  conn: DuckDBConnection;
  lock: Mutex;
  notify: Notify;
  maxBackoffMs: number;
}

export type ChangeListener = (rows: Record<string, unknown>[]) => void;

export function defaultInterval(endpoint: string): number {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return ['127.0.0.1', 'localhost', '::1'].includes(host) ? LOOPBACK_INTERVAL_MS : REMOTE_INTERVAL_MS;
}

export class LiveTable {
  state: LiveState = 'reloading';
  intervalMs: number;
  private version = -1;
  private mode: LiveMode = 'files';
  private copy: LiveCopy | null = null;
  private metadata: SharedMetadata | null = null;
  private rows = 0;
  private landedAt?: number;
  private polledAt?: number;
  private lagMs?: number;
  private message?: string;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private stopped = false;
  private readonly poller: SharingClient;
  readonly ref: TableRef;
  readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly label: string,
    readonly known: KnownTable,
    private readonly client: SharingClient,
    private readonly copyName: string,
    private readonly host: LiveHost,
    intervalMs?: number,
  ) {
    this.ref = { share: known.share, schema: known.schema, table: known.table };
    this.intervalMs = clampInterval(intervalMs ?? defaultInterval(client.profile.endpoint));
    // Polls fail fast and let this class back off: the data client's own retries would hide an outage.
    this.poller = new SharingClient(client.profile, { maxRetries: 0, connectTimeoutMs: 5000, readTimeoutMs: 15_000 });
  }

  /** Loads the local copy and starts polling. */
  async start(): Promise<void> {
    await this.reload();
    this.setState('live');
    this.schedule(this.intervalMs);
  }

  setInterval(ms: number): void {
    this.intervalMs = clampInterval(ms);
    if (this.state === 'live' && !this.ticking) this.schedule(this.intervalMs);
  }

  pause(): void {
    clearTimeout(this.timer);
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.failures = 0;
    this.setState('live');
    if (!this.ticking) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.poller.close();
    await this.host.lock.run(async () => this.copy?.drop());
    this.copy = null;
  }

  /** The SELECT a statement naming this table reads, once the copy exists. */
  selectSql(): string | undefined {
    return this.copy?.selectSql();
  }

  info(): LiveTableInfo {
    return {
      table: this.label,
      state: this.state,
      intervalMs: this.intervalMs,
      version: this.version,
      mode: this.mode,
      rowCount: this.rows,
      ...(this.landedAt !== undefined ? { landedAt: this.landedAt } : {}),
      ...(this.polledAt !== undefined ? { polledAt: this.polledAt } : {}),
      ...(this.lagMs !== undefined ? { lagMs: this.lagMs } : {}),
      ...(this.message ? { message: this.message } : {}),
    };
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped || this.state === 'paused') return;
    this.timer = setTimeout(() => void this.tick(), Math.max(delayMs, MIN_INTERVAL_MS));
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped || this.state === 'paused') return;
    this.ticking = true;
    try {
      const latest = await this.poller.tableVersion(this.ref);
      this.polledAt = Date.now();
      if (latest > this.version) await this.catchUp(latest);
      this.failures = 0;
      if (!this.paused()) this.setState('live');
    } catch (e) {
      this.failures++;
      if (!this.stopped && !this.paused())
        this.setState('error', `${e instanceof Error ? e.message : String(e)}; retrying in ${Math.round(this.backoff() / 1000)} s`);
    } finally {
      this.ticking = false;
      this.schedule(this.failures > 0 ? this.backoff() : this.intervalMs);
    }
  }

  /** A method, so TypeScript does not narrow `state` across the awaits that may pause the table. */
  private paused(): boolean {
    return this.state === 'paused';
  }

  private backoff(): number {
    return Math.min(this.host.maxBackoffMs, this.intervalMs * 2 ** this.failures);
  }

  /** Versions after the copy's up to `latest`, in one request, applied in order. */
  private async catchUp(latest: number): Promise<void> {
    let inc;
    try {
      inc = await readIncrement(this.client, this.ref, this.version + 1, latest, this.mode);
    } catch (e) {
      // History not shared, or the range no longer served: the increment cannot be had, the table can.
      // A corrupt table is not one of those: a full reload would read the same damaged log, so it fails.
      if (e instanceof SharingError && !e.retryable && e.status === 400 && e.code !== 'corrupt')
        return this.reload(`its changes cannot be read incrementally (${e.message})`);
      throw e;
    }
    let added: { name: string; sqlType: string }[] = [];
    for (const schema of inc.schemas) {
      const change = schemaChange(this.metadata!, schema);
      if (change.kind === 'incompatible') return this.reload(`its schema changed: ${change.reason}`);
      if (change.kind === 'added') added = [...added, ...change.columns.filter((c) => !added.some((a) => a.name === c.name))];
    }
    const previousVersion = this.version;
    const collect = this.listeners.size > 0;
    let applied;
    try {
      applied = await this.host.lock.run(async () => {
        if (added.length > 0) await this.copy!.addColumns(added);
        const r = await this.copy!.apply(inc, collect);
        return { ...r, rows: await this.copy!.rowCount() };
      });
    } catch (e) {
      if (this.stopped) return;
      return this.reload(`its increment could not be applied (${e instanceof Error ? e.message : String(e)})`);
    }
    this.version = latest;
    this.metadata = inc.metadata;
    this.rows = applied.rows;
    const polledAt = this.polledAt ?? Date.now();
    this.landedAt = inc.landedAt ?? polledAt;
    this.lagMs = Math.max(0, Date.now() - this.landedAt);
    this.host.notify({
      type: 'live.update',
      table: this.label,
      version: latest,
      previousVersion,
      landedAt: this.landedAt,
      polledAt,
      rowsInserted: applied.inserted,
      rowsDeleted: applied.deleted,
      bytes: inc.bytes,
      lagMs: this.lagMs,
      rowCount: this.rows,
    });
    if (applied.changes) this.tell(applied.changes);
  }

  /** A full read of the table: the first load, and when an increment cannot be applied. */
  private async reload(reason?: string): Promise<void> {
    if (reason) {
      this.setState('reloading', `${this.label} is re-read in full: ${reason}.`);
      this.host.notify({ type: 'session.notice', level: 'warning', message: `Live table ${this.label} is re-read in full: ${reason}.` });
    }
    const { metadata } = await this.client.tableMetadata(this.ref);
    const mode: LiveMode = metadata.configuration['delta.enableChangeDataFeed'] === 'true' ? 'cdf' : 'files';
    const snap = await readSnapshot(this.client, this.ref, mode);
    const previousVersion = this.version;
    const before = this.rows;
    const rows = await this.host.lock.run(async () => {
      await this.copy?.drop();
      this.copy = await LiveCopy.create(this.host.conn, this.copyName, mode, snap.sql);
      return this.copy.rowCount();
    });
    Object.assign(this, { mode, version: snap.version, metadata: snap.metadata, rows });
    if (!reason) this.landedAt = await commitTime(this.client, this.ref, snap.version);
    if (reason) {
      this.polledAt = Date.now();
      this.landedAt = this.polledAt;
      this.lagMs = 0;
      this.host.notify({
        type: 'live.update',
        table: this.label,
        version: snap.version,
        previousVersion,
        landedAt: this.landedAt,
        polledAt: this.polledAt,
        rowsInserted: rows,
        rowsDeleted: before,
        bytes: snap.bytes,
        lagMs: 0,
        rowCount: rows,
      });
    }
  }

  private tell(rows: Record<string, unknown>[]): void {
    for (const listener of this.listeners) {
      try {
        listener(rows);
      } catch (e) {
        this.host.notify({
          type: 'session.notice',
          level: 'warning',
          message: `A subscriber of ${this.label} failed: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
  }

  private setState(state: LiveState, message?: string): void {
    if (this.state === state && this.message === message) return;
    this.state = state;
    this.message = message;
    this.host.notify({ type: 'live.status', table: this.label, state, ...(message ? { message } : {}) });
  }
}

function clampInterval(ms: number): number {
  return Math.max(MIN_INTERVAL_MS, Math.round(ms));
}
