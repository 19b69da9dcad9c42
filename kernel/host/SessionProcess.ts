/**
 * The host's handle on one session child process: calls with replies, events, and the two ways a
 * run can be stopped. A DuckDB query stops on interrupt; a TypeScript loop that never yields cannot
 * hear anything, so after a grace period the process is killed and a fresh one started.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SiltError } from '../../common/SiltError';
import { knownSecrets } from '../protocol/knownSecrets';
import type { Output, ProgressUnit, SessionNoticeBody, SessionStatus } from '../protocol';
import type { SessionEvent, SessionMessage, SessionMethod, SessionMethods } from '../session/ipc';

export interface SessionProcessEvents {
  onOutput(runId: string, output: Output): void;
  onProgress?(runId: string, label: string, done: number, total: number | null, unit?: ProgressUnit): void;
  onStatus(status: SessionStatus, message?: string): void;
  onNotice?(notice: SessionNoticeBody): void;
  /** A process (first or restarted) was forked; calls made now run before anyone else's. */
  onStart?(proc: SessionProcess): void;
}

/** How long an interrupt may take before the session is restarted to stop the cell. */
const INTERRUPT_GRACE_MS = 1000;

/** A call the session could not answer because its process ended; `stopped` says whether Silt ended it. */
export class SessionExitedError extends SiltError {
  override name = 'SessionExitedError';
  constructor(
    message: string,
    readonly stopped: boolean,
  ) {
    super('session-gone', message);
  }
}

interface PendingCall {
  resolve(v: unknown): void;
  reject(e: Error): void;
  method: SessionMethod;
  background?: boolean;
  /** For `execute`: a live re-run (`live`) runs beside the user's cell and does not make the session busy. */
  lane?: 'user' | 'live';
}

export class SessionProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private pending = new Map<number, PendingCall>();
  private ready: Promise<void> = Promise.resolve();
  private status: SessionStatus = 'starting';
  private intentionalExit = false;
  private killReason = '';
  /** AutoML searches running in the background (started, not yet `automl.done`). */
  private readonly runningJobs = new Set<string>();
  /** When the last piece of work for someone (a call, a search) finished; the idle time counts from here. */
  private workEndedAt = 0;

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly events: SessionProcessEvents,
    /**
     * `ownProcessGroup`: the session and its children (esbuild's service among them) do not share the
     * terminal's process group, so a Ctrl+C reaches only the process that decides what to do with it
     * (a headless watch finishing its update). The session still exits when its parent goes away
     * (its IPC channel closes).
     */
    private readonly options: { ownProcessGroup?: boolean } = {},
  ) {
    this.start();
  }

  /** The session entry script next to the running host (dist/kernel/session/sessionMain.js). */
  static defaultEntry(): string {
    return join(__dirname, 'session', 'sessionMain.js');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get currentStatus(): SessionStatus {
    return this.status;
  }

  /**
   * When the session last did something for someone: now while a call (a cell, an export) or an AutoML
   * search runs, else when the last one finished. Live tables are asked for separately (`live.list`).
   */
  get lastWorkAt(): number {
    const busy = this.runningJobs.size > 0 || [...this.pending.values()].some((p) => !p.background);
    return busy ? Date.now() : this.workEndedAt;
  }

  /** `background`: Silt's own housekeeping (the idle check), which does not count as using the session. */
  async call<M extends SessionMethod>(
    method: M,
    params: SessionMethods[M]['params'],
    opts: { background?: boolean } = {},
  ): Promise<SessionMethods[M]['result']> {
    await this.ready;
    const child = this.child;
    if (!child || !child.connected) throw new SessionExitedError('The session is not running; start a new session.', false);
    const id = this.nextId++;
    const lane = method === 'execute' ? ((params as SessionMethods['execute']['params']).lane ?? 'user') : undefined;
    // Busy means the user's cell runs: a live re-run beside it neither starts nor ends that.
    if (lane === 'user') this.setStatus('busy');
    return new Promise((resolve, reject) => {
      const done = (v: unknown) => {
        // The search runs on after the answer; until its `automl.done` the session counts as used.
        if (method === 'automl.start') this.runningJobs.add((v as { jobId: string }).jobId);
        resolve(v as SessionMethods[M]['result']);
      };
      this.pending.set(id, { resolve: done, reject, method, background: opts.background, lane });
      child.send({ id, method, params });
    });
  }

  /** Whether a run is pending in `lane` (any lane when omitted). */
  private running(lane?: 'user' | 'live'): boolean {
    return [...this.pending.values()].some((p) => p.method === 'execute' && (lane === undefined || p.lane === lane));
  }

  /**
   * Stops the user's running cell, or, with none running, the live re-runs (the session makes the
   * same choice). Resolves `restarted: true` when only a restart could stop it.
   */
  async interrupt(): Promise<{ restarted: boolean }> {
    if (!this.running()) return { restarted: false };
    const lane = this.running('user') ? 'user' : 'live';
    // Only the runs going now are being stopped: one that starts during the grace (another window's
    // live re-run, say) is not a run that would not stop, and must not get the session restarted.
    const stopping = new Set([...this.pending].filter(([, p]) => p.method === 'execute' && p.lane === lane).map(([id]) => id));
    const stillRunning = () => [...stopping].some((id) => this.pending.has(id));
    const settled = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (!stillRunning()) {
          clearInterval(check);
          resolve();
        }
      }, 20);
      setTimeout(() => {
        clearInterval(check);
        resolve();
      }, INTERRUPT_GRACE_MS);
    });
    this.child?.send({ id: this.nextId++, method: 'interrupt', params: {} });
    await settled;
    if (!stillRunning()) return { restarted: false };
    await this.restart('The session was restarted to stop the running cell; its variables were lost.');
    return { restarted: true };
  }

  async restart(reason = 'The session was restarted.'): Promise<void> {
    this.setStatus('restarting', reason);
    await this.kill(reason);
    this.start();
    await this.ready;
  }

  async kill(reason = 'The session was shut down.'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.intentionalExit = true;
    this.killReason = reason;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.failPending(reason, true);
  }

  private start(): void {
    this.intentionalExit = false;
    this.setStatus('starting');
    const child = fork(this.entry, [], {
      env: this.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(this.options.ownProcessGroup ? { detached: true, windowsHide: true } : {}),
    });
    this.child = child;
    this.ready = new Promise<void>((resolve) => {
      const onReady = (m: SessionMessage) => {
        if ('event' in m && m.event === 'ready') {
          child.off('message', onReady);
          this.setStatus('idle');
          resolve();
        }
      };
      child.on('message', onReady);
      child.once('exit', () => resolve());
    });
    child.on('message', (m: SessionMessage) => this.onMessage(m));
    this.events.onStart?.(this);
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
      this.failPending(
        this.intentionalExit ? this.killReason : `The session ${why}. Your notebook is safe; start a new session to run cells again.`,
        this.intentionalExit,
      );
      if (!this.intentionalExit) this.setStatus('dead', `The session ${why}.`);
    });
  }

  private onMessage(m: SessionMessage): void {
    if ('replyTo' in m) {
      const p = this.pending.get(m.replyTo);
      if (!p) return;
      this.pending.delete(m.replyTo);
      if (!p.background) this.workEndedAt = Date.now();
      if (m.ok) p.resolve(m.result);
      else p.reject(SiltError.fromInfo(m.error));
      if (!this.running('user') && this.status === 'busy') this.setStatus('idle');
      return;
    }
    const e = m as SessionEvent;
    if (e.event === 'secret') return knownSecrets.add(e.secret);
    if (e.event === 'output') this.events.onOutput(e.runId, e.output);
    else if (e.event === 'progress') this.events.onProgress?.(e.runId, e.label, e.done, e.total, e.unit);
    else if (e.event === 'notice') {
      const finished = e.notice.type === 'automl.done' && this.runningJobs.delete(e.notice.jobId);
      if (finished) this.workEndedAt = Date.now();
      this.events.onNotice?.(e.notice);
    }
  }

  private failPending(reason: string, stopped: boolean): void {
    this.runningJobs.clear();
    for (const p of this.pending.values()) p.reject(new SessionExitedError(reason, stopped));
    this.pending.clear();
  }

  private setStatus(status: SessionStatus, message?: string): void {
    this.status = status;
    this.events.onStatus(status, message);
  }
}
