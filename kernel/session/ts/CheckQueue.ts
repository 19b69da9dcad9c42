/**
 * The order in which the TypeScript checker takes requests. The checker is one thread that answers in
 * arrival order, and every TypeScript editor's linter asks for diagnostics (all at once when a notebook
 * opens or a theme toggle re-renders the editors, and again and again while the user types fast). A
 * completion list the user is waiting for must not queue behind all of them, and a check whose answer
 * nobody will use should not be computed. So the session keeps the queue here and gives the checker one
 * request at a time:
 * - a completion goes before every queued diagnostics request (it still waits for the one check that
 *   is already running: a check cannot be interrupted half-way); so does the check a Run makes of a
 *   TypeScript cell (`forRun`): the analyst waits for that run, and its result waits a moment for it;
 * - a diagnostics request identical to one queued or running (same code, earlier cells and realm
 *   declarations) shares that one's answer;
 * - a newer diagnostics request from the same editor makes its queued one obsolete: that one is not
 *   checked, and its caller gets the newer answer when the code is the same, else a `cancelled` error
 *   (the editor's linter keeps its marks; the lint package would drop the stale answer anyway).
 */
import { SiltError } from '../../../common/SiltError';
import type { CellFiles } from './CellChecker';

export interface CheckJob {
  kind: 'diagnostics' | 'completions';
  cells: CellFiles;
  /** Completions only: the offset in the code. */
  pos?: number;
  /** Diagnostics only: the editor (cell id) that asked; its newer request makes this one obsolete. */
  editor?: string;
  /** Diagnostics only: a Run's own check of the cell it runs, taken with the completions' priority. */
  forRun?: boolean;
}

interface Entry<R> {
  job: CheckJob;
  /** Who waits for it: editors by id, `null` for a caller without one (never obsolete). */
  owners: Set<string | null>;
  promise: Promise<R>;
  resolve(value: R | Promise<R>): void;
  reject(error: Error): void;
}

export class CheckQueue<R> {
  /** Completions and runs' checks: what the analyst waits for, first come first served. */
  private readonly completions: Entry<R>[] = [];
  private readonly diagnostics: Entry<R>[] = [];
  private running: Entry<R> | null = null;

  /** `run` asks the checker; the queue never calls it again before its promise settles. */
  constructor(private readonly run: (job: CheckJob) => Promise<R>) {}

  /** Requests waiting for the checker (not the running one). */
  get waiting(): number {
    return this.completions.length + this.diagnostics.length;
  }

  /** Fails every waiting request with `error` (the running one still answers): the checker is going away. */
  dropWaiting(error: Error): void {
    for (const entry of this.completions.splice(0).concat(this.diagnostics.splice(0))) entry.reject(error);
  }

  push(job: CheckJob): Promise<R> {
    if (job.kind === 'completions') {
      const entry = this.entry(job);
      this.completions.push(entry);
      this.pump();
      return entry.promise;
    }
    const owner = job.editor ?? null;
    const same = [this.running, ...this.completions, ...this.diagnostics].find(
      (e) => e !== null && e.job.kind === 'diagnostics' && sameCells(e.job, job),
    );
    const target = same ?? this.entry(job);
    target.owners.add(owner);
    if (owner !== null) this.supersede(owner, target);
    // A run's check identical to a queued editor's one shares it, and takes it to the front with it.
    const queuedAt = this.diagnostics.indexOf(target);
    if (job.forRun && queuedAt >= 0) this.diagnostics.splice(queuedAt, 1);
    if (job.forRun && (!same || queuedAt >= 0)) this.completions.push(target);
    else if (!same) this.diagnostics.push(target);
    this.pump();
    return target.promise;
  }

  /** Drops `editor`'s claim on its queued diagnostics other than `target`; one nobody else waits for is not checked. */
  private supersede(editor: string, target: Entry<R>): void {
    for (const old of [...this.diagnostics]) {
      if (old === target || !old.owners.delete(editor)) continue;
      if (old.owners.size > 0) continue;
      this.diagnostics.splice(this.diagnostics.indexOf(old), 1);
      if (old.job.cells.code === target.job.cells.code) old.resolve(target.promise);
      else old.reject(new SiltError('cancelled', 'A newer type check of this cell replaced this one.'));
    }
  }

  private entry(job: CheckJob): Entry<R> {
    let resolve!: Entry<R>['resolve'];
    let reject!: Entry<R>['reject'];
    const promise = new Promise<R>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { job, owners: new Set(), promise, resolve, reject };
  }

  private pump(): void {
    if (this.running) return;
    const next = this.completions.shift() ?? this.diagnostics.shift();
    if (!next) return;
    this.running = next;
    let answer: Promise<R>;
    try {
      answer = this.run(next.job);
    } catch (e) {
      answer = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    answer.then(next.resolve, next.reject).finally(() => {
      this.running = null;
      this.pump();
    });
  }
}

function sameCells(a: CheckJob, b: CheckJob): boolean {
  const x = a.cells;
  const y = b.cells;
  return x.code === y.code && x.ambient === y.ambient && x.before.length === y.before.length && x.before.every((c, i) => c === y.before[i]);
}
