/**
 * The open sessions, one per notebook key, and who listens to each. Session ids are random so a
 * client can only reach sessions it opened or was told about.
 */
import { randomUUID } from 'node:crypto';
import type { EventMessage } from '../protocol';
import { SessionProcess } from './SessionProcess';

export type Listener = (e: EventMessage) => void;

interface Entry {
  id: string;
  key: string;
  proc: SessionProcess;
  listeners: Set<Listener>;
}

export class SessionRegistry {
  private byId = new Map<string, Entry>();
  private byKey = new Map<string, Entry>();

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    /** Runs for every session process started (e.g. to open the saved profiles in it). */
    private readonly onStart?: (proc: SessionProcess) => void,
  ) {}

  /** The session of a notebook, started if needed (or restarted if it died). */
  open(key: string, listener?: Listener): string {
    let e = this.byKey.get(key);
    if (e && e.proc.currentStatus === 'dead') {
      this.byKey.delete(key);
      this.byId.delete(e.id);
      e = undefined;
    }
    if (!e) {
      const id = randomUUID();
      const listeners = new Set<Listener>();
      const emit = (ev: EventMessage) => listeners.forEach((l) => l(ev));
      const proc = new SessionProcess(this.entry, this.env, {
        onOutput: (runId, output) => emit({ kind: 'event', type: 'run.output', sessionId: id, runId, output }),
        onProgress: (runId, label, done, total) => emit({ kind: 'event', type: 'run.progress', sessionId: id, runId, label, done, total }),
        onStatus: (status, message) => emit({ kind: 'event', type: 'session.status', sessionId: id, status, ...(message ? { message } : {}) }),
        onNotice: (notice) => emit({ kind: 'event', sessionId: id, ...notice } as EventMessage),
        onStart: (proc) => this.onStart?.(proc),
      });
      e = { id, key, proc, listeners };
      this.byId.set(id, e);
      this.byKey.set(key, e);
    }
    if (listener) e.listeners.add(listener);
    return e.id;
  }

  get(id: string): SessionProcess {
    const e = this.byId.get(id);
    if (!e) throw Object.assign(new Error('Unknown session; open the notebook again.'), { code: 'session-gone' });
    return e.proc;
  }

  /** Every open session's process. */
  all(): SessionProcess[] {
    return [...this.byId.values()].map((e) => e.proc);
  }

  unlisten(listener: Listener): void {
    for (const e of this.byId.values()) e.listeners.delete(listener);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byId.values()].map((e) => e.proc.kill()));
    this.byId.clear();
    this.byKey.clear();
  }
}
