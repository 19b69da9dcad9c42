/**
 * Checks a cell's rules against its target in one scan and turns the counts into figures per rule.
 * The target and conditions arrive resolved (shared table names already replaced by their views).
 */
import type { DuckEngine } from '../engine/DuckEngine';

/** What runs the queries: the session's engine, or (for a live table's increment) its own connection. */
export type Queryable = Pick<DuckEngine, 'query'>;
import type { Expectation, ViolationAction } from '../../common/quality/parseExpectations';
import { SiltError } from '../../common/SiltError';
import { countSql } from './expectationSql';

export interface RuleFigures {
  name: string;
  condition: string;
  action: ViolationAction;
  checked: number;
  passed: number;
  failed: number;
  /** failed / checked × 100, rounded to 2 decimals; 0 for an empty table. */
  failedPercent: number;
}

export interface CheckFigures {
  /** The target as the user wrote it. */
  target: string;
  checked: number;
  rules: RuleFigures[];
}

/** A rule whose condition DuckDB cannot run (an unknown column, not a boolean): names the rule. */
export class RuleConditionError extends SiltError {
  override name = 'RuleConditionError';
  readonly kind = 'Expectation error';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super('bad-request', message);
  }
}

/**
 * Counts, for every rule at once, the rows checked and the rows whose condition is FALSE.
 * `resolved` holds each rule's condition with shared names resolved, in the order of `rules`.
 */
export async function checkExpectations(
  engine: Queryable,
  target: string,
  source: string,
  rules: Expectation[],
  resolved: string[],
): Promise<CheckFigures> {
  let row: Record<string, unknown>;
  try {
    [row] = await engine.query(countSql(source, resolved));
  } catch (e) {
    throw (await blame(engine, source, rules, resolved)) ?? e;
  }
  const checked = Number(row.checked);
  return {
    target,
    checked,
    rules: rules.map((r, i) => {
      const failed = Number(row[`f${i}`]);
      const failedPercent = checked === 0 ? 0 : Math.round((failed / checked) * 10_000) / 100;
      return { name: r.name, condition: r.condition, action: r.action, checked, passed: checked - failed, failed, failedPercent };
    }),
  };
}

/** The first rule whose condition alone fails to bind, as an error naming it; undefined if none does. */
async function blame(engine: Queryable, source: string, rules: Expectation[], resolved: string[]): Promise<RuleConditionError | undefined> {
  for (const [i, r] of rules.entries()) {
    try {
      await engine.query(`SELECT ((${resolved[i]}) IS FALSE) FROM ${source} LIMIT 0`);
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).replace(/\n[\s\S]*$/, '');
      const place = r.line ? `line ${r.line}` : 'from expectations.yml';
      return new RuleConditionError(`Rule "${r.name}" (${place}) cannot be checked: ${why}`, r.line);
    }
  }
  return undefined;
}
