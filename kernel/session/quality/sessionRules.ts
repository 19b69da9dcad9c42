/**
 * The rules of the expectation cells that ran in a session, by target, so a live table's later
 * increments are held to the rules the analyst last checked it with (see checkIncrement.ts).
 */
import type { Expectation } from '../../../common/quality/parseExpectations';
import type { DuckEngine } from '../../engine/DuckEngine';

const bySession = new WeakMap<DuckEngine, Map<string, Expectation[]>>();

export function rememberRules(engine: DuckEngine, target: string, rules: Expectation[]): void {
  const m = bySession.get(engine) ?? new Map<string, Expectation[]>();
  m.set(target.trim().toLowerCase(), rules);
  bySession.set(engine, m);
}

export function rememberedRules(engine: DuckEngine, target: string): Expectation[] {
  return bySession.get(engine)?.get(target.trim().toLowerCase()) ?? [];
}
