/**
 * Warms what the first TypeScript cell of a session would otherwise wait for, once the session is
 * ready and quiet: the transpiler's service process, the type checker (on its own thread, so never in
 * the way), then danfojs with TensorFlow.js and Observable Plot with jsdom, which load on this thread.
 * Each step that loads on this thread waits until no run is going and none ended just before, so a
 * SQL-only notebook's runs are not held up; a run that arrives mid-step waits for that step alone.
 */
import { transpileCell } from './transpileCell';
import type { CellTypes } from './CellTypes';
import { loadDanfo } from '../toDataFrame';
import { plotGlobal } from '../../charts/plotGlobal';

const POLL_MS = 100;

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
  await quiet();
  loadDanfo();
  await quiet();
  plotGlobal();
  await checker;
}
