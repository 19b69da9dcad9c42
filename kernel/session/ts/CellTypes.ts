/**
 * The session's side of type checking: it keeps the sources of the TypeScript cells that ran (the
 * declarations the realm really holds, in the order they ran) and asks the checker, which runs on a
 * worker thread so that loading the compiler (about 2 s the first time) and checking never hold up a
 * cell run or a page of a result. Without a worker file (running from source without esbuild) it
 * checks on this thread.
 */
import { Worker } from 'node:worker_threads';
import { SiltError } from '../../../common/SiltError';
import { workerScript } from '../../automl/workerScript';
import type { CellCompletions, CellDiagnostic } from '../../protocol/typescript';
import { CellChecker, type CellFiles } from './CellChecker';
import type { CheckReply, CheckRequest } from './checkMessages';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class CellTypes {
  private worker: Promise<Worker | null> | null = null;
  private inThread: CellChecker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** True once the checker has answered: it has loaded the compiler and the library types. */
  warmed = false;
  /** Sources of the cells that ran, by cell id, oldest run first. */
  private readonly ran = new Map<string, string>();

  constructor(private readonly ambient: () => Promise<string>) {}

  /** Records a cell's source as run, so later cells are checked against its declarations. */
  remember(cellId: string, code: string): void {
    this.ran.delete(cellId);
    this.ran.set(cellId, code);
  }

  /** The sources of the cells that ran, other than `cellId`. */
  ranBefore(cellId?: string): string[] {
    return [...this.ran].filter(([id]) => id !== cellId).map(([, code]) => code);
  }

  async diagnostics(before: string[], code: string): Promise<CellDiagnostic[]> {
    const found = (await this.ask('diagnostics', { before, code, ambient: await this.ambient() })) as CellDiagnostic[];
    this.warmed = true;
    return found;
  }

  async completions(before: string[], code: string, pos: number): Promise<CellCompletions> {
    const found = (await this.ask('completions', { before, code, ambient: await this.ambient() }, pos)) as CellCompletions | null;
    return found ?? { from: pos, member: false, options: [] };
  }

  /** Loads the compiler and the library types, so the first real check answers quickly. */
  async warm(): Promise<void> {
    await this.diagnostics([], 'const warm: number = 1;\nwarm');
  }

  /** Stops the checker's thread; resolves once it has exited. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    const w = await worker?.catch(() => null);
    await w?.terminate();
  }

  private async ask(kind: CheckRequest['kind'], cells: CellFiles, pos?: number): Promise<unknown> {
    const worker = await (this.worker ??= this.start());
    if (!worker) {
      this.inThread ??= new CellChecker();
      return kind === 'diagnostics' ? this.inThread.diagnostics(cells) : this.inThread.completions(cells, pos ?? cells.code.length);
    }
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, cells, pos } satisfies CheckRequest);
    });
  }

  private async start(): Promise<Worker | null> {
    const script = await workerScript('session/ts/tsCheckWorker');
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
