/**
 * Warms what the first TypeScript cell of a session would otherwise wait for, once the session is
 * ready and quiet: the transpiler's service process, the type checker (on its own thread, so never in
 * the way), then danfojs. danfojs is most of a first DataFrame cell's wait (measured on this machine:
 * mathjs about 60% of it, xlsx 20%, TensorFlow.js 15%), and it can only load on this thread, so it is
 * loaded a library at a time, each step waiting until no run is going and none ended just before: a
 * SQL-only notebook's run that arrives mid-step waits for that one library at most.
 */
import { createRequire } from 'node:module';
import { transpileCell } from './transpileCell';
import type { CellTypes } from './CellTypes';
import { loadDanfo } from '../toDataFrame';

const POLL_MS = 100;
/** danfojs's heavy dependencies, loaded one by one before danfojs itself. */
const DANFO_PARTS = ['@tensorflow/tfjs', 'mathjs', 'xlsx', 'table'];

export interface WarmUpDeps {
  types: CellTypes;
  /** True when no run is going and none ended a moment ago. */
  idle(): boolean;
}

export async function warmUp({ types, idle }: WarmUpDeps): Promise<void> {
  const quiet = async () => {
    while (!idle()) await new Promise((r) => setTimeout(r, POLL_MS));
    // Let a message that is already waiting (a run) go first.
    await new Promise((r) => setImmediate(r));
  };
  const checker = types.warm().catch(() => undefined);
  await quiet();
  transpileCell('1 + 1', 'warm.ts');
  const fromDanfo = createRequire(require.resolve('danfojs'));
  for (const part of DANFO_PARTS) {
    await quiet();
    try {
      fromDanfo(part);
    } catch {
      // A part danfojs does not use in this version: danfojs itself loads what it needs below.
    }
  }
  await quiet();
  loadDanfo();
  await checker;
}
