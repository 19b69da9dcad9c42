/**
 * Trials in parallel on worker_threads. The training data is copied once into shared memory that every
 * worker reads; each worker runs one trial at a time. Closing terminates the threads mid-trial, which
 * is how a cancel stops promptly.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fittedFromJSON, type Fitted, type FittedJSON, type TrainSet } from './estimators';
import type { RefitSpec, TrialOutcome, TrialSpec } from './runTrial';
import { inProcessRunner, type RunnerFactory, type TrialRunner } from './TrialRunner';
import type { ValidationPlan } from './validation';
import { workerScript } from './workerScript';

export type PoolRequest =
  | { type: 'init'; ts: TrainSet; plan: ValidationPlan }
  | { type: 'trial'; job: number; spec: TrialSpec }
  | { type: 'refit'; job: number; spec: RefitSpec };

export type PoolReply =
  | { job: number; ok: true; trial?: Omit<TrialOutcome, 'models'> & { models: FittedJSON[] }; refit?: FittedJSON }
  | { job: number; ok: false; message: string };

/** The pool size the search uses by default: one worker per core, at most 4. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** A runner on `size` workers; falls back to the calling thread when no worker script is available. */
export function workerPoolRunner(size: number): RunnerFactory {
  return async (ts, plan) => {
    const script = size > 0 ? await workerScript() : null;
    if (!script) return inProcessRunner(ts, plan);
    return new WorkerPool(script, size, ts, plan);
  };
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

class WorkerPool implements TrialRunner {
  private slots: Slot[] = [];
  private waiting: { resolve(s: Slot): void; reject(e: Error): void }[] = [];
  private pending = new Map<number, { resolve(r: PoolReply): void; reject(e: Error): void; slot: Slot }>();
  private nextJob = 0;
  private closed = false;

  constructor(
    script: string,
    readonly size: number,
    ts: TrainSet,
    plan: ValidationPlan,
  ) {
    const shared = shareTrainSet(ts);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      const slot: Slot = { worker, busy: false };
      worker.on('message', (r: PoolReply) => this.settle(r));
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', () => this.fail(slot, new Error('An AutoML worker stopped unexpectedly.')));
      worker.postMessage({ type: 'init', ts: shared, plan } satisfies PoolRequest);
      this.slots.push(slot);
    }
  }

  async trial(spec: TrialSpec): Promise<TrialOutcome> {
    const r = await this.call({ type: 'trial', job: 0, spec });
    if (!r.ok || !r.trial) throw new Error('no trial in the worker reply');
    return { ...r.trial, models: r.trial.models.map(fittedFromJSON) };
  }

  async refit(spec: RefitSpec): Promise<Fitted> {
    const r = await this.call({ type: 'refit', job: 0, spec });
    if (!r.ok || !r.refit) throw new Error('no model in the worker reply');
    return fittedFromJSON(r.refit);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Error('The AutoML workers were stopped.');
    for (const p of this.pending.values()) p.reject(stopped);
    for (const w of this.waiting) w.reject(stopped);
    this.pending.clear();
    this.waiting = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private async call(req: Extract<PoolRequest, { job: number }>): Promise<PoolReply> {
    const slot = await this.acquire();
    const job = ++this.nextJob;
    try {
      const reply = await new Promise<PoolReply>((resolve, reject) => {
        this.pending.set(job, { resolve, reject, slot });
        slot.worker.postMessage({ ...req, job });
      });
      if (!reply.ok) throw new Error(reply.message);
      return reply;
    } finally {
      this.release(slot);
    }
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('The AutoML workers were stopped.'));
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else slot.busy = false;
  }

  private settle(r: PoolReply): void {
    const p = this.pending.get(r.job);
    this.pending.delete(r.job);
    p?.resolve(r);
  }

  private fail(slot: Slot, e: Error): void {
    if (this.closed) return;
    for (const [job, p] of this.pending)
      if (p.slot === slot) {
        this.pending.delete(job);
        p.reject(e);
      }
    this.slots = this.slots.filter((s) => s !== slot);
    if (!this.slots.length) this.close();
  }
}

/** The training data in SharedArrayBuffers, so every worker reads one copy. */
function shareTrainSet(ts: TrainSet): TrainSet {
  const share = <T extends Uint8Array | Float64Array>(a: T): T => {
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
    const out = new Ctor(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return { ...ts, binned: { ...ts.binned, codes: share(ts.binned.codes) }, dense: share(ts.dense), y: share(ts.y) };
}
