/**
 * Where trials run: in the calling thread (one at a time) or in a pool of worker threads (several at
 * once, see WorkerPool). The search only talks to this interface.
 */
import type { Fitted, TrainSet } from './estimators';
import { initTensorflow } from './mlp';
import { runRefit, runTrial, type RefitSpec, type TrialOutcome, type TrialSpec } from './runTrial';
import type { ValidationPlan } from './validation';

export interface TrialRunner {
  /** How many trials may run at the same time. */
  readonly size: number;
  trial(spec: TrialSpec): Promise<TrialOutcome>;
  refit(spec: RefitSpec): Promise<Fitted>;
  /** Stops whatever still runs (its promises reject) and frees the threads. */
  close(): Promise<void>;
}

export type RunnerFactory = (ts: TrainSet, plan: ValidationPlan) => Promise<TrialRunner>;

/** Trials in this thread, one at a time; it yields between them so the event loop keeps moving. */
export const inProcessRunner: RunnerFactory = async (ts, plan) => {
  const tick = () => new Promise((r) => setImmediate(r));
  return {
    size: 1,
    async trial(spec) {
      await tick();
      if (spec.family === 'mlp') await initTensorflow();
      return runTrial(ts, plan, spec);
    },
    async refit(spec) {
      await tick();
      return runRefit(ts, spec);
    },
    async close() {},
  };
};
