/**
 * Entry of an AutoML pool worker (a worker_thread). It receives the prepared training data once,
 * then runs trials and refits on request; models come back as JSON-able objects.
 */
import { parentPort } from 'node:worker_threads';
import { fittedToJSON, type TrainSet } from './estimators';
import { initTensorflow } from './mlp';
import { runRefit, runTrial } from './runTrial';
import type { ValidationPlan } from './validation';
import type { PoolReply, PoolRequest } from './WorkerPool';

let data: { ts: TrainSet; plan: ValidationPlan } | null = null;

parentPort?.on('message', async (m: PoolRequest) => {
  if (m.type === 'init') {
    data = { ts: m.ts, plan: m.plan };
    return;
  }
  try {
    if (!data) throw new Error('AutoML worker used before init');
    if (m.spec.family === 'mlp') await initTensorflow();
    if (m.type === 'trial') {
      const t = runTrial(data.ts, data.plan, m.spec);
      const reply: PoolReply = { job: m.job, ok: true, trial: { ...t, models: t.models.map(fittedToJSON) } };
      parentPort!.postMessage(reply, [t.oof.buffer as ArrayBuffer]);
    } else {
      const reply: PoolReply = { job: m.job, ok: true, refit: fittedToJSON(runRefit(data.ts, m.spec)) };
      parentPort!.postMessage(reply);
    }
  } catch (e) {
    parentPort!.postMessage({ job: m.job, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies PoolReply);
  }
});
