/**
 * The open sessions, one per notebook key, and which connections use each. Session ids are random so a
 * client can only reach sessions it opened or was told about. A session's process ends when the last
 * window using it closes it, or after it sat unused for the idle time; either way its id is remembered
 * with the reason, so a late request for it says why it is gone.
 */
import { randomUUID } from 'node:crypto';
import { SiltError } from '../../common/SiltError';
import type { EventMessage } from '../protocol';
import { SessionProcess } from './SessionProcess';
import { idleEndedMessage } from './sessionIdle';

export type Listener = (e: EventMessage) => void;

interface Entry {
  id: string;
  key: string;
  proc: SessionProcess;
  /** The connections using this session (each connection's event listener stands for it). */
  listeners: Set<Listener>;
  emit: Listener;
  lastUsed: number;
}

export interface SessionRegistryOptions {
  /** Runs for every session process started (e.g. to open the saved profiles in it). */
  onStart?: (proc: SessionProcess) => void;
  /** A session nobody used for this long ends; 0 or absent keeps sessions until they are closed. */
  idleMs?: number;
}

/** How long the idle check waits for a session to list its live tables. */
const LIVE_LIST_TIMEOUT_MS = 5000;

/** Ended session ids kept with their reason; a window that was away longer gets the generic answer. */
const MAX_ENDED = 1000;

const CLOSED = 'This notebook was closed, so its session ended; open the notebook again to run cells.';
const CRASHED = "This notebook's session stopped (its process exited); its variables are gone. Run a cell to start a new one.";
const UNKNOWN = "This notebook's session has ended; its variables are gone. Run a cell to start a new one.";

export class SessionRegistry {
  private byId = new Map<string, Entry>();
  private byKey = new Map<string, Entry>();
  private ended = new Map<string, string>();
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly opts: SessionRegistryOptions = {},
  ) {
    const idleMs = opts.idleMs ?? 0;
    if (idleMs > 0) {
      // Checking a few times per idle period bounds how late a session ends to a quarter of it.
      this.sweeper = setInterval(() => void this.sweep(), Math.max(200, Math.min(idleMs / 4, 30_000)));
      this.sweeper.unref();
    }
  }

  /**
   * The session of a notebook, started if needed (or restarted if it died). With `resume`, the window asks
   * for the session it had: if that one ended, it hears why instead of silently getting a fresh one.
   */
  open(key: string, listener?: Listener, resume?: string): string {
    if (resume !== undefined) {
      const had = this.byId.get(resume);
      if (!had) throw new SiltError('session-gone', this.ended.get(resume) ?? UNKNOWN);
      if (had.proc.currentStatus === 'dead') throw new SiltError('session-gone', CRASHED);
    }
    let e = this.byKey.get(key);
    if (e && e.proc.currentStatus === 'dead') {
      this.forget(e);
      e = undefined;
    }
    if (!e) e = this.start(key);
    if (listener) e.listeners.add(listener);
    e.lastUsed = Date.now();
    return e.id;
  }

  /** The process of a session, for a request; counts as using it. */
  get(id: string): SessionProcess {
    const e = this.byId.get(id);
    if (!e) throw new SiltError('session-gone', this.ended.get(id) ?? UNKNOWN);
    e.lastUsed = Date.now();
    return e.proc;
  }

  /** Whether a window is using the session of this notebook key now. */
  attached(key: string): boolean {
    return (this.byKey.get(key)?.listeners.size ?? 0) > 0;
  }

  /** Every open session's process. */
  all(): SessionProcess[] {
    return [...this.byId.values()].map((e) => e.proc);
  }

  /** The connection is done with the session; the process ends when no other connection uses it. */
  async close(id: string, listener: Listener): Promise<{ closed: boolean }> {
    const e = this.byId.get(id);
    if (!e) return { closed: true };
    e.listeners.delete(listener);
    if (e.listeners.size > 0) return { closed: false };
    await this.end(e, CLOSED);
    return { closed: true };
  }

  /** A connection went away: it no longer uses any session (the idle time decides what ends). */
  unlisten(listener: Listener): void {
    for (const e of this.byId.values()) e.listeners.delete(listener);
  }

  async closeAll(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.all([...this.byId.values()].map((e) => e.proc.kill()));
    this.byId.clear();
    this.byKey.clear();
  }

  private start(key: string): Entry {
    const id = randomUUID();
    const listeners = new Set<Listener>();
    const emit = (ev: EventMessage) => listeners.forEach((l) => l(ev));
    const proc = new SessionProcess(this.entry, this.env, {
      onOutput: (runId, output) => emit({ kind: 'event', type: 'run.output', sessionId: id, runId, output }),
      onProgress: (runId, label, done, total, unit) =>
        emit({ kind: 'event', type: 'run.progress', sessionId: id, runId, label, done, total, ...(unit ? { unit } : {}) }),
      onStatus: (status, message) =>
        emit({ kind: 'event', type: 'session.status', sessionId: id, status, ...(message ? { message } : {}) }),
      onNotice: (notice) => emit({ kind: 'event', sessionId: id, ...notice } as EventMessage),
      onStart: (proc) => this.opts.onStart?.(proc),
    });
    const e: Entry = { id, key, proc, listeners, emit, lastUsed: Date.now() };
    this.byId.set(id, e);
    this.byKey.set(key, e);
    return e;
  }

  /** Ends the process, tells every window still attached, and remembers why for late requests. */
  private async end(e: Entry, reason: string): Promise<void> {
    this.forget(e);
    this.ended.set(e.id, reason);
    if (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.keys().next().value!);
    await e.proc.kill(reason);
    e.emit({ kind: 'event', type: 'session.status', sessionId: e.id, status: 'dead', message: reason });
  }

  private forget(e: Entry): void {
    this.byId.delete(e.id);
    if (this.byKey.get(e.key) === e) this.byKey.delete(e.key);
  }

  /** Ends sessions unused for the idle time; running work or live tables count as use. */
  private async sweep(): Promise<void> {
    const idleMs = this.opts.idleMs ?? 0;
    if (this.sweeping || idleMs <= 0) return;
    this.sweeping = true;
    try {
      // Idle since the last request, or since its last cell, export or search finished, whichever is later.
      const idleFor = (e: Entry) => Date.now() - Math.max(e.lastUsed, e.proc.lastWorkAt);
      for (const e of [...this.byId.values()]) {
        if (idleFor(e) < idleMs || e.proc.currentStatus === 'dead') continue;
        if (await this.hasLiveTables(e.proc)) {
          e.lastUsed = Date.now();
          continue;
        }
        // A request may have arrived while the session was asked about its live tables.
        if (idleFor(e) < idleMs || !this.byId.has(e.id)) continue;
        await this.end(e, idleEndedMessage(idleMs));
      }
    } finally {
      this.sweeping = false;
    }
  }

  /** A session too busy to answer in time is in use; one whose process is gone has nothing to keep. */
  private async hasLiveTables(proc: SessionProcess): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const busy = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), LIVE_LIST_TIMEOUT_MS)));
    const listed = proc.call('live.list', {}, { background: true }).then(
      (r) => r.tables.length > 0,
      () => false,
    );
    try {
      return await Promise.race([listed, busy]);
    } finally {
      clearTimeout(timer);
    }
  }
}
