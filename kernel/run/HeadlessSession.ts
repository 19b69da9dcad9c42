/**
 * A session process driven without a window (`silt run`): runs cells one at a time and hands the
 * live-table notices it raises to whoever watches, so a watch run can re-run what a new version
 * changes. Only one cell runs at a time, as in the app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeCell, RunResult, SessionNoticeBody } from '../protocol';
import { SessionProcess } from '../host/SessionProcess';
import type { SessionMethod, SessionMethods } from '../session/ipc';

export type NoticeListener = (notice: SessionNoticeBody) => void;

export class HeadlessSession {
  private readonly proc: SessionProcess;
  private readonly listeners = new Set<NoticeListener>();
  private readonly deathListeners = new Set<(reason: string) => void>();
  /** Why the process ended by itself, once it has (a crash, not our kill). */
  deathReason: string | null = null;

  constructor(env: NodeJS.ProcessEnv, entry = headlessEntry()) {
    this.proc = new SessionProcess(
      entry,
      env,
      {
        onOutput() {},
        onStatus: (status, message) => {
          if (status !== 'dead') return;
          this.deathReason = message ?? 'The session ended.';
          this.deathListeners.forEach((l) => l(this.deathReason!));
        },
        onNotice: (n) => this.listeners.forEach((l) => l(n)),
      },
      // A terminal's Ctrl+C is the run's to handle: it must not kill the session (or the esbuild
      // service that compiles its TypeScript cells) under the update a watch is finishing.
      { ownProcessGroup: true },
    );
  }

  onNotice(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the process ends by itself (never for `close`). */
  onDeath(listener: (reason: string) => void): () => void {
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  call<M extends SessionMethod>(method: M, params: SessionMethods[M]['params']): Promise<SessionMethods[M]['result']> {
    return this.proc.call(method, params);
  }

  execute(cell: CodeCell): Promise<RunResult> {
    return this.proc.call('execute', {
      runId: randomUUID(),
      cellId: cell.id,
      language: cell.language,
      code: cell.source,
      ...(cell.name ? { name: cell.name } : {}),
    });
  }

  close(): Promise<void> {
    return this.proc.kill();
  }
}

/** Beside the running CLI (dist/kernel/run/headlessSessionMain.js); the plain session where it is not built. */
function headlessEntry(): string {
  const entry = join(__dirname, 'run', 'headlessSessionMain.js');
  return existsSync(entry) ? entry : SessionProcess.defaultEntry();
}
