/**
 * The session's side of type checking: it keeps the sources of the TypeScript cells that ran (the
 * declarations the realm really holds, in the order they ran) and asks the checker, which runs on a
 * worker thread so that loading the compiler (about 2 s the first time) and checking never hold up a
 * cell run or a page of a result. Without a worker file (running from source without esbuild) it
 * checks on this thread. Requests go through a CheckQueue: the checker gets one at a time, completions
 * first, and diagnostics nobody will use are not computed.
 */
import { Worker } from 'node:worker_threads';
import { SiltError } from '../../../common/SiltError';
import { workerScript } from '../../automl/workerScript';
import type { CellCompletions, CellDiagnostic } from '../../protocol/typescript';
import { CellChecker } from './CellChecker';
import type { CheckReply, CheckRequest } from './checkMessages';
import { CheckQueue, type CheckJob } from './CheckQueue';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class CellTypes {
  private worker: Promise<Worker | null> | null = null;
  private inThread: CellChecker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly queue = new CheckQueue<unknown>((job) => this.ask(job));
  /** Requests the checker answered, by kind (what the queue let through, not what callers asked). */
  readonly checked = { diagnostics: 0, completions: 0 };
  /** True once the checker has answered: it has loaded the compiler and the library types. */
  warmed = false;
  /** Sources of the cells that ran, by cell id, oldest run first. */
  private readonly ran = new Map<string, string>();

  /** `script` finds the worker's file; null means check on this thread (tests use it to check that path). */
  constructor(
    private readonly ambient: () => Promise<string>,
    private readonly script: () => Promise<string | null> = () => workerScript('session/ts/tsCheckWorker'),
  ) {}

  /** Records a cell's source as run, so later cells are checked against its declarations. */
  remember(cellId: string, code: string): void {
    this.ran.delete(cellId);
    this.ran.set(cellId, code);
  }

  /** The sources of the cells that ran, other than `cellId`. */
  ranBefore(cellId?: string): string[] {
    return [...this.ran].filter(([id]) => id !== cellId).map(([, code]) => code);
  }

  /**
   * The compiler's diagnostics for `code`. `editor` (the cell id of the editor that asks) lets a newer
   * request from the same editor make this one obsolete while it waits: it then rejects with a
   * `cancelled` SiltError, or gets the newer answer if that is for the same code. `forRun`: the check
   * a Run makes of the cell it runs, which goes before the editors' queued checks (CheckQueue).
   */
  async diagnostics(before: string[], code: string, editor?: string, opts: { forRun?: boolean } = {}): Promise<CellDiagnostic[]> {
    const cells = { before, code, ambient: await this.ambient() };
    const job: CheckJob = { kind: 'diagnostics', cells, editor, ...(opts.forRun ? { forRun: true } : {}) };
    const found = (await this.queue.push(job)) as CellDiagnostic[];
    this.warmed = true;
    return found;
  }

  async completions(before: string[], code: string, pos: number): Promise<CellCompletions> {
    const job: CheckJob = { kind: 'completions', cells: { before, code, ambient: await this.ambient() }, pos };
    const found = (await this.queue.push(job)) as CellCompletions | null;
    return found ?? { from: pos, member: false, options: [] };
  }

  /** Loads the compiler and the library types, so the first real check answers quickly. */
  async warm(): Promise<void> {
    await this.diagnostics([], 'const warm: number = 1;\nwarm');
  }

  /** Stops the checker's thread; resolves once it has exited. */
  async close(): Promise<void> {
    // Requests still waiting would otherwise start a new worker once the running one fails.
    this.queue.dropWaiting(new SiltError('cancelled', 'The TypeScript checker was stopped.'));
    const worker = this.worker;
    this.worker = null;
    const w = await worker?.catch(() => null);
    await w?.terminate();
  }

  /** Asks the checker; only the queue calls it, one request at a time. */
  private async ask({ kind, cells, pos }: CheckJob): Promise<unknown> {
    const worker = await (this.worker ??= this.start());
    let answer: unknown;
    if (!worker) {
      this.inThread ??= new CellChecker();
      answer = kind === 'diagnostics' ? this.inThread.diagnostics(cells) : this.inThread.completions(cells, pos ?? cells.code.length);
    } else {
      const id = ++this.nextId;
      answer = await new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ id, kind, cells, pos } satisfies CheckRequest);
      });
    }
    this.checked[kind]++;
    return answer;
  }

  private async start(): Promise<Worker | null> {
    const script = await this.script();
    if (!script) return null;
    const worker = new Worker(script);
    // A checker that is idle must not keep the session process alive.
    worker.unref();
    worker.on('message', (m: CheckReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new SiltError('internal', `The TypeScript checker failed: ${m.message}`));
    });
    const fail = (e: Error) => {
      // The next request starts a new worker; the ones waiting hear why theirs failed.
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new SiltError('internal', `The TypeScript checker stopped: ${e.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    return worker;
  }
}
