/**
 * One live table: polls the cheap `/version` call (checklist 50) on an interval, and on a new version
 * reads only the increment and applies it to the local copy. Polling never hammers a server: the
 * interval has a floor, and failures back off exponentially up to a cap, then recover by themselves,
 * unless retrying cannot help (a corrupt table): then it stops polling and says so until asked again.
 *
 * Its state is always one of: live (polling), paused, catching-up (reading and applying versions,
 * with byte progress), error (the reason, its code, and when it retries, if it does), and, once
 * stopped, stopped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LiveProgress, LiveState, LiveTableInfo, LiveVersion } from '../../protocol/live';
import { SharingClient, SharingError } from '../../sharing/client';
import type { SharedMetadata, TableRef } from '../../sharing/client/types';
import type { Notify } from '../Notify';
import type { KnownTable } from '../sharing/findSharedRefs';
import { LiveCopy, type Applied } from './LiveCopy';
import type { Mutex } from './Mutex';
import { commitTime, readIncrement, readSnapshot, type IncrementRead, type LiveMode } from './readIncrement';
import type { Progress } from '../../sharing/client/fetchFiles';
import { schemaChange } from './schemaChange';
import { SiltError } from '../../../common/SiltError';
import { liveFailure, type LiveFailure } from './liveFailure';
import { readFileDiff } from './readFileDiff';
import { HeldBack, type IncrementVetter } from './HeldBack';

/** Never poll one table more often than this, whatever was asked. */
export const MIN_INTERVAL_MS = 500;
/** A server on this machine (the demo share) is cheap to ask; a remote one is asked rarely (§Streaming). */
export const LOOPBACK_INTERVAL_MS = 2000;
export const REMOTE_INTERVAL_MS = 30_000;
export const MAX_BACKOFF_MS = 60_000;
/** Progress of a catch-up is told at most this often. */
const PROGRESS_EVERY_MS = 250;

export interface LiveHost {
  /** The live tables' own connection (never the one cells run on). */
  conn: () => Promise<DuckDBConnection>;
  /** One writer at a time on that connection: each change is one transaction. */
  lock: Mutex;
  notify: Notify;
  maxBackoffMs: number;
  /** The session's expectations on increments (FAIL UPDATE rules hold a bad version back). */
  vet?: IncrementVetter;
}

export type ChangeListener = (rows: Record<string, unknown>[]) => void;
export type VersionListener = (v: LiveVersion) => void;

export function defaultInterval(endpoint: string): number {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return ['127.0.0.1', 'localhost', '::1'].includes(host) ? LOOPBACK_INTERVAL_MS : REMOTE_INTERVAL_MS;
}

export class LiveTable {
  state: LiveState = 'catching-up';
  intervalMs: number;
  private version = -1;
  private mode: LiveMode = 'files';
  private copy: LiveCopy | null = null;
  private metadata: SharedMetadata | null = null;
  /** Files mode: the files the copy holds (id → identity), for a diff when history is not shared; null when unknown. */
  private held: Map<string, string> | null = null;
  /** Files mode: the server refused history queries once, so increments are diffs of the file list. */
  private noHistory = false;
  /** The increment the expectations refused last, while no newer version has landed. */
  private heldBack: HeldBack | null = null;
  private rows = 0;
  private landedAt?: number;
  private arrivedAt?: number;
  private polledAt?: number;
  private lagMs?: number;
  private message?: string;
  private failure?: LiveFailure;
  private retryAt?: number;
  private progress?: LiveProgress;
  private progressToldAt = 0;
  /** What a catch-up says once its download is done and the copy takes what it read. */
  private applying?: string;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private stopped = false;
  private readonly poller: SharingClient;
  readonly ref: TableRef;
  readonly listeners = new Set<ChangeListener>();
  /** One-shot waiters for the next version (sharing.nextVersion). */
  readonly versionWaiters = new Set<VersionListener>();

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
    this.polledAt = Date.now();
    // Paused while its copy loaded: it stays paused (and says so), not live.
    if (this.state === 'paused') return;
    this.setState('live');
    this.schedule(this.intervalMs);
  }

  setInterval(ms: number): void {
    this.intervalMs = clampInterval(ms);
    if (this.state === 'live' && !this.ticking) this.schedule(this.intervalMs);
  }

  pause(): void {
    clearTimeout(this.timer);
    this.retryAt = undefined;
    this.setState('paused');
  }

  /** Polls again: after a pause, or now, after an error (Retry). */
  resume(): void {
    if (this.state !== 'paused' && this.state !== 'error') return;
    this.failures = 0;
    this.retryAt = undefined;
    // `live` is only ever said after a read that answered: until the next poll does, it is catching up.
    if (this.state === 'paused') this.setState('catching-up', 'checking for new versions');
    if (!this.ticking) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.state = 'stopped';
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
      ...(this.arrivedAt !== undefined ? { arrivedAt: this.arrivedAt } : {}),
      ...(this.polledAt !== undefined ? { polledAt: this.polledAt } : {}),
      ...(this.lagMs !== undefined ? { lagMs: this.lagMs } : {}),
      ...this.stateFields(),
    };
  }

  /** The fields that go with the current state, in LiveTableInfo and in live.status alike. */
  private stateFields() {
    return {
      ...(this.message ? { message: this.message } : {}),
      ...(this.state === 'error' && this.failure ? { code: this.failure.code } : {}),
      ...(this.state === 'error' && this.retryAt !== undefined ? { retryAt: this.retryAt } : {}),
      ...(this.state === 'catching-up' && this.progress ? { progress: this.progress } : {}),
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
    let retry = true;
    try {
      const latest = await this.poller.tableVersion(this.ref);
      this.polledAt = Date.now();
      // A version the expectations refused stays refused: only a newer one is tried (and checked) again.
      if (this.heldBack !== null && latest <= this.heldBack.version) {
        if (this.isActive()) this.setState('error', this.heldBack.message);
        return;
      }
      if (latest > this.version) await this.catchUp(latest);
      this.heldBack = null;
      this.failures = 0;
      this.failure = undefined;
      // Told after every poll, with its time: a live badge is only shown while polls really happen.
      if (this.isActive()) this.setState('live', undefined, true);
    } catch (e) {
      if (e instanceof HeldBack) {
        // Not a failure to retry: the data is readable and was refused. The last good version stays.
        this.heldBack = e;
        this.failure = { code: e.code, message: e.message, permanent: false };
        this.retryAt = undefined;
        this.host.notify({ type: 'session.notice', level: 'warning', message: `Live table ${this.label}: ${e.message}` });
        if (this.isActive()) this.setState('error', e.message);
        return;
      }
      this.failures++;
      this.failure = liveFailure(e);
      retry = !this.failure.permanent;
      this.forgetDamaged(this.failure.damagedFiles ?? []);
      if (this.isActive()) {
        this.retryAt = retry ? Date.now() + this.backoff() : undefined;
        const then = retry ? `retrying in ${Math.round(this.backoff() / 1000)} s` : 'retrying cannot help: fix the cause, then Retry';
        this.setState('error', `${this.failure.message}; ${then}`);
      }
    } finally {
      this.ticking = false;
      if (retry) this.schedule(this.failures > 0 ? this.backoff() : this.intervalMs);
    }
  }

  /** Neither paused nor stopped (a method, so TypeScript does not narrow `state` across awaits). */
  private isActive(): boolean {
    return this.state !== 'paused' && !this.stopped;
  }

  private backoff(): number {
    return Math.min(this.host.maxBackoffMs, this.intervalMs * 2 ** this.failures);
  }

  /** Versions after the copy's up to `latest`, in one request, applied in order. */
  private async catchUp(latest: number): Promise<void> {
    const versions = `v${this.version + 1}${latest > this.version + 1 ? `–v${latest}` : ''}`;
    this.catchingUp(`reading ${versions}`, `applying ${versions}`);
    if (this.mode === 'files' && this.noHistory) return this.applyDiff();
    const holds = this.client.fileCache().holdSet();
    try {
      return await this.readAndApply(latest, holds.hold);
    } finally {
      holds.release();
    }
  }

  /**
   * The increment up to `latest`, read then applied; `hold` keeps its files out of other sessions'
   * evictions of the shared cache from download until the copy has read them.
   */
  private async readAndApply(latest: number, hold: (paths: string[]) => void): Promise<void> {
    let inc;
    try {
      inc = await readIncrement(this.client, this.ref, this.version + 1, latest, this.mode, {
        onProgress: (p) => this.onProgress(p),
        hold,
      });
    } catch (e) {
      // History not shared, or the range no longer served: the increment cannot be had, the table can.
      // A corrupt table is not one of those: a full reload would read the same damaged log, so it fails.
      if (e instanceof SharingError && !e.retryable && e.status === 400 && e.code !== 'corrupt') {
        if (this.mode === 'files') {
          this.noHistory = true;
          return this.applyDiff();
        }
        return this.reload(`its changes cannot be read incrementally (${e.message})`);
      }
      throw e;
    }
    let added: { name: string; sqlType: string }[] = [];
    for (const schema of inc.schemas) {
      const change = schemaChange(this.metadata!, schema);
      if (change.kind === 'incompatible') return this.reload(`its schema changed: ${change.reason}`);
      if (change.kind === 'added') added = [...added, ...change.columns.filter((c) => !added.some((a) => a.name === c.name))];
    }
    const applied = await this.applyInc(inc, added, latest);
    if (!applied) return;
    this.held = null;
    this.landed(latest, inc, applied);
  }

  /** No history: the file list diffed against the files the copy holds; only new files are read. */
  private async applyDiff(): Promise<void> {
    if (!this.held) return this.reload('the files it holds are not known');
    const holds = this.client.fileCache().holdSet();
    try {
      await this.readDiffAndApply(this.held, holds.hold);
    } finally {
      holds.release();
    }
  }

  private async readDiffAndApply(held: NonNullable<typeof this.held>, hold: (paths: string[]) => void): Promise<void> {
    const diff = await readFileDiff(this.client, this.ref, held, { onProgress: (p) => this.onProgress(p), hold });
    const change = schemaChange(this.metadata!, diff.metadata);
    if (change.kind === 'incompatible') return this.reload(`its schema changed: ${change.reason}`);
    const applied = await this.applyInc(diff, change.kind === 'added' ? change.columns : [], diff.version);
    if (!applied) return;
    this.held = diff.files;
    this.landed(diff.version, diff, applied);
  }

  /** Applies an increment on the live connection; a copy that cannot take it is re-read in full. */
  private async applyInc(inc: IncrementRead, added: { name: string; sqlType: string }[], version: number) {
    const collect = this.listeners.size > 0;
    const vetter = this.host.vet;
    const vet = vetter
      ? async (addedRowsSql: string) => {
          // A check that cannot run (a rule naming a column the table lacks) holds the version too:
          // applying it, or re-reading the table in full, would let unchecked rows through.
          const why = await vetter(this.label, addedRowsSql, version, await this.host.conn()).catch(
            (e: unknown) =>
              `v${version} of ${this.label} is held back: its expectations could not be checked (${e instanceof Error ? e.message : String(e)})`,
          );
          if (why) throw new HeldBack(why, version);
        }
      : undefined;
    try {
      return await this.host.lock.run(async () => {
        const r = await this.copy!.apply(inc, collect, added, vet);
        return { ...r, rows: await this.copy!.rowCount() };
      });
    } catch (e) {
      if (e instanceof HeldBack) throw e;
      if (this.stopped) return undefined;
      await this.reload(`its increment could not be applied (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  }

  private landed(version: number, inc: IncrementRead, applied: Applied & { rows: number }): void {
    const previousVersion = this.version;
    this.version = version;
    this.metadata = inc.metadata;
    this.rows = applied.rows;
    this.arrived(this.polledAt ?? Date.now(), inc.landedAt, {
      version,
      previousVersion,
      rowsInserted: applied.inserted,
      rowsDeleted: applied.deleted,
      bytes: inc.bytes,
    });
    if (applied.changes) this.tell(applied.changes);
    this.wake({ previousVersion, rowsInserted: applied.inserted, rowsDeleted: applied.deleted });
  }

  /** A full read of the table: the first load, and when an increment cannot be applied. */
  private async reload(reason?: string): Promise<void> {
    if (reason) {
      this.catchingUp(`re-reading in full: ${reason}`, 'writing the local copy anew');
      this.host.notify({ type: 'session.notice', level: 'warning', message: `Live table ${this.label} is re-read in full: ${reason}.` });
    }
    const { metadata } = await this.client.tableMetadata(this.ref);
    const mode: LiveMode = metadata.configuration['delta.enableChangeDataFeed'] === 'true' ? 'cdf' : 'files';
    // Its files stay out of other sessions' evictions of the shared cache until the copy has read them.
    const holds = this.client.fileCache().holdSet();
    const previousVersion = this.version;
    const before = this.rows;
    let snap: Awaited<ReturnType<typeof readSnapshot>>;
    let rows: number;
    try {
      snap = await readSnapshot(this.client, this.ref, mode, { onProgress: (p) => this.onProgress(p), hold: holds.hold });
      const conn = await this.host.conn();
      const sql = snap.sql;
      rows = await this.host.lock.run(async () => {
        // Stopped while the snapshot downloaded: no copy may outlive the table.
        if (this.stopped) throw new SiltError('cancelled', `${this.label} stopped being live while it was read.`);
        // Created anew under the same name in one transaction: readers see the old copy or the new one.
        this.copy = await LiveCopy.create(conn, this.copyName, mode, sql);
        return this.copy.rowCount();
      });
    } finally {
      holds.release();
    }
    Object.assign(this, { mode, version: snap.version, metadata: snap.metadata, rows, held: mode === 'files' ? snap.files : null });
    // The version's commit time, read or re-read: never the time the copy was made.
    const committed = await commitTime(this.client, this.ref, snap.version);
    if (!reason) this.landedAt = committed;
    if (reason) {
      this.polledAt = Date.now();
      this.arrived(this.polledAt, committed, {
        version: snap.version,
        previousVersion,
        rowsInserted: rows,
        rowsDeleted: before,
        bytes: snap.bytes,
      });
      this.wake({ previousVersion, rowsInserted: rows, rowsDeleted: before });
    }
  }

  /**
   * A version arrived now: tells the windows, with its commit time and the lag from it only when the
   * server told the commit time (the arrival or poll time is not a commit time, and a lag from it is none).
   */
  private arrived(
    polledAt: number,
    committed: number | undefined,
    what: { version: number; previousVersion: number; rowsInserted: number; rowsDeleted: number; bytes: number },
  ): void {
    this.arrivedAt = Date.now();
    this.landedAt = committed;
    this.lagMs = committed !== undefined ? Math.max(0, this.arrivedAt - committed) : undefined;
    this.host.notify({
      type: 'live.update',
      table: this.label,
      ...what,
      ...(committed !== undefined ? { landedAt: committed, lagMs: this.lagMs } : {}),
      arrivedAt: this.arrivedAt,
      polledAt,
      rowCount: this.rows,
    });
  }

  /** Drops damaged downloads from the client's cache, so that Retry downloads them again. */
  private forgetDamaged(paths: string[]): void {
    const cacheDir = dirname(this.client.fileCache().pathFor(''));
    for (const p of paths) if (dirname(p) === cacheDir) rmSync(p, { force: true });
  }

  private catchingUp(message: string, applying: string): void {
    this.progress = undefined;
    this.progressToldAt = 0;
    this.applying = applying;
    this.setState('catching-up', message);
  }

  /**
   * Download progress, told at most every PROGRESS_EVERY_MS. Once every byte is in, the copy still
   * takes them: that is told instead of "100 %", which would read as done while it is not.
   */
  private onProgress(p: Progress): void {
    if (this.state !== 'catching-up') return;
    if (p.bytesDone >= p.bytes) {
      this.progress = undefined;
      this.setState('catching-up', this.applying ?? 'writing the local copy');
      return;
    }
    this.progress = { done: p.bytesDone, total: p.bytes };
    const now = Date.now();
    if (now - this.progressToldAt < PROGRESS_EVERY_MS) return;
    this.progressToldAt = now;
    this.tellState();
  }

  private wake(change: { previousVersion: number; rowsInserted: number; rowsDeleted: number }): void {
    const v: LiveVersion = {
      table: this.label,
      version: this.version,
      ...(this.landedAt !== undefined ? { landedAt: this.landedAt } : {}),
      rowCount: this.rows,
      ...change,
    };
    const waiters = [...this.versionWaiters];
    this.versionWaiters.clear();
    for (const w of waiters) w(v);
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

  private setState(state: LiveState, message?: string, always = false): void {
    if (!always && this.state === state && this.message === message) return;
    this.state = state;
    this.message = message;
    if (state !== 'error') this.retryAt = undefined;
    this.tellState();
  }

  private tellState(): void {
    this.host.notify({
      type: 'live.status',
      table: this.label,
      state: this.state,
      ...(this.version >= 0 ? { version: this.version } : {}),
      ...(this.polledAt !== undefined ? { polledAt: this.polledAt } : {}),
      ...this.stateFields(),
    });
  }
}

function clampInterval(ms: number): number {
  return Math.max(MIN_INTERVAL_MS, Math.round(ms));
}
