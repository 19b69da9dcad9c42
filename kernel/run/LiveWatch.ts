/**
 * The loop of `silt run --watch`: after the first pass, each new version of a watched table re-runs
 * the cells that depend on it (the plan the app uses, common/live/planLiveRuns) and delivers the
 * result: the report rewritten, the published table appended to. Versions that land while an update
 * runs are coalesced into the next one. An update whose cell fails delivers nothing, so the files on
 * disk stay those of the last good update, and its tables count as changed again next time, so no
 * cell is left behind. `stop()` ends the loop after the update under way.
 */
import { planLiveRuns } from '../../common/live/planLiveRuns';
import { tableDependents } from '../../common/live/watchedTables';
import type { NotebookModel } from '../protocol';
import type { HeadlessSession } from './HeadlessSession';
import { liveCellsOf } from './liveCellsOf';
import { runCells, type CellsRun } from './runCells';
import { timerAt } from './timerAt';

export interface TableVersion {
  version: number;
  /** Commit time of the version on the server (ms), when known. */
  landedAt?: number;
}

/** The versions of the watched tables a cell's outputs were computed from. */
export type Stamps = Map<string, ({ table: string } & TableVersion)[]>;

export interface Delivery {
  /** What was delivered, e.g. "wrote report.html", "published silt.published.daily v4". */
  done: string[];
}

export interface WatchOptions {
  session: HeadlessSession;
  /** The notebook after the first pass. */
  notebook: NotebookModel;
  /** The versions the watched tables had when the first pass started. */
  versions: Map<string, TableVersion>;
  allowErrors?: boolean;
  /** Stop by itself after this many updates. */
  maxUpdates?: number;
  /** Stop by itself at this time (ms since the epoch). */
  until?: number;
  /** Writes the report and publishes; a throw fails the update. */
  deliver(notebook: NotebookModel, pass: CellsRun, stamps: Stamps): Promise<Delivery>;
  /** One line per update (stdout). */
  out(line: string): void;
  /** Problems and state changes of live tables (stderr). */
  err(line: string): void;
}

export interface WatchEnd {
  updates: number;
  /** The last update failed: the files on disk are older than the data. */
  lastFailed: boolean;
  reason: 'stopped' | 'max-updates' | 'until';
}

export class LiveWatch {
  private notebook: NotebookModel;
  private readonly versions: Map<string, TableVersion>;
  private pending = new Map<string, TableVersion>();
  private carry = new Map<string, TableVersion>();
  private wake: (() => void) | null = null;
  private stopping = false;
  private reason: WatchEnd['reason'] = 'stopped';
  private dead: string | null = null;
  private updates = 0;
  private lastFailed = false;
  /** Versions the session's expectations held back, not yet told as updates. */
  private held: { table: string; message: string }[] = [];
  private lastHeld: string | undefined;
  readonly stamps: Stamps = new Map();

  constructor(private readonly opts: WatchOptions) {
    this.notebook = opts.notebook;
    this.versions = new Map(opts.versions);
    this.stampAll(
      liveCellsOf(this.notebook).map((c) => c.id),
      this.versions,
    );
    opts.session.onNotice((n) => {
      if (n.type === 'live.update' && this.versions.has(n.table)) {
        const v = { version: n.version, landedAt: n.landedAt };
        this.versions.set(n.table, v);
        this.pending.set(n.table, v);
        this.wake?.();
      } else if (n.type === 'live.status' && this.versions.has(n.table) && n.state === 'error') {
        // A version held back by a FAIL UPDATE expectation is a failed update, told once.
        if (n.code === 'conflict' && /\bis held back\b/.test(n.message ?? '')) {
          if (n.message !== this.lastHeld) this.held.push({ table: n.table, message: n.message! });
          this.lastHeld = n.message;
          this.wake?.();
          return;
        }
        opts.err(`silt: ${n.table}: ${n.message ?? 'polling fails'}`);
      } else if (n.type === 'session.notice' && n.level !== 'info') {
        opts.err(`silt: ${n.message}`);
      }
    });
    opts.session.onDeath((reason) => {
      this.dead = reason;
      this.wake?.();
    });
  }

  /** Ends the loop once the update under way (if any) is delivered. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  async run(): Promise<WatchEnd> {
    const { until, maxUpdates } = this.opts;
    const cancel = until === undefined ? undefined : timerAt(until, () => ((this.reason = 'until'), this.stop()));
    try {
      for (;;) {
        while (this.pending.size === 0 && this.held.length === 0 && !this.stopping && !this.dead)
          await new Promise<void>((r) => (this.wake = r));
        this.wake = null;
        if (this.dead) throw new Error(`The session ended during the watch: ${this.dead}`);
        if (this.stopping) break;
        if (this.pending.size > 0) await this.update();
        else this.heldBack(this.held.shift()!);
        if (maxUpdates !== undefined && this.updates >= maxUpdates) {
          this.reason = 'max-updates';
          break;
        }
      }
    } finally {
      cancel?.();
    }
    return { updates: this.updates, lastFailed: this.lastFailed, reason: this.reason };
  }

  private async update(): Promise<void> {
    const started = Date.now();
    // Tables a failed update could not catch up with come along with the new version.
    const changed = new Map([...this.carry, ...this.pending]);
    this.carry.clear();
    this.pending.clear();
    const n = ++this.updates;
    // What the cells read is at least this; a version landing while they run gets an update of its own.
    const readAt = new Map(this.versions);
    const what = [...changed].map(([t, v]) => `${t} v${v.version}`).join(', ');
    const draft = structuredClone(this.notebook);
    const ids = planLiveRuns(liveCellsOf(draft), [...changed.keys()]);
    if (ids.length === 0) {
      this.opts.out(`update ${n} · ${what} · no cell depends on it · ${elapsed(started)}`);
      return;
    }
    const pass = await runCells(this.opts.session, draft, ids, { allowErrors: this.opts.allowErrors });
    const failure = pass.failures[0];
    if (failure && !this.opts.allowErrors) {
      this.fail(changed);
      this.opts.err(`silt: update ${n}: cell ${failure.index + 1} (${failure.cell.language}) failed: ${failure.message}`);
      this.opts.out(
        `update ${n} · ${what} · cell ${failure.index + 1} failed; kept the files of the last good update · ${elapsed(started)}`,
      );
      return;
    }
    const before = new Map(this.stamps);
    this.stampAll(pass.ran, readAt);
    let delivery: Delivery;
    try {
      delivery = await this.opts.deliver(draft, pass, this.stamps);
    } catch (e) {
      for (const id of pass.ran) this.stamps.set(id, before.get(id) ?? []);
      this.fail(changed);
      const message = e instanceof Error ? e.message : String(e);
      this.opts.err(`silt: update ${n}: ${message}`);
      this.opts.out(`update ${n} · ${what} · not delivered: ${message} · ${elapsed(started)}`);
      return;
    }
    this.notebook = draft;
    this.lastFailed = false;
    const cells = `re-ran ${ids.length} cell${ids.length === 1 ? '' : 's'}`;
    // "after the commit" only when every new version's commit time is known: the start of the update is none.
    const commits = [...changed.values()].map((v) => v.landedAt);
    const sinceCommit = commits.every((t) => t !== undefined) ? ` (${elapsed(Math.max(...commits))} after the commit)` : '';
    const errors = pass.failures.length > 0 ? [`${pass.failures.length} with errors`] : [];
    this.opts.out([`update ${n}`, what, cells, ...errors, ...delivery.done, `${elapsed(started)}${sinceCommit}`].join(' · '));
  }

  /** A version the expectations held back: nothing re-runs, the last good files stay, the update failed. */
  private heldBack(h: { table: string; message: string }): void {
    const n = ++this.updates;
    this.lastFailed = true;
    this.opts.err(`silt: update ${n}: ${h.message}`);
    this.opts.out(`update ${n} · ${h.table} · held back by an expectation; kept the files of the last good update`);
  }

  /** The tables of a failed update are still to be caught up with by the next one. */
  private fail(changed: Map<string, TableVersion>): void {
    this.lastFailed = true;
    // Not retried at once (it would fail again in a tight loop): with the next version that lands.
    this.carry = changed;
  }

  private stampAll(ids: string[], versions: Map<string, TableVersion>): void {
    const deps = tableDependents(liveCellsOf(this.notebook), [...versions.keys()]);
    for (const id of ids) {
      const tables = deps[id];
      if (tables)
        this.stamps.set(
          id,
          tables.map((table) => ({ table, ...versions.get(table)! })),
        );
    }
  }
}

function elapsed(since: number): string {
  const ms = Date.now() - since;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
