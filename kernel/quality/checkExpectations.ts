/**
 * Checks a cell's rules against its target in one scan and turns the counts into figures per rule.
 * The target and conditions arrive resolved (shared table names already replaced by their views).
 */
import type { DuckEngine } from '../engine/DuckEngine';

/** What runs the queries: the session's engine, or (for a live table's increment) its own connection. */
export type Queryable = Pick<DuckEngine, 'query'>;
import type { Expectation, ViolationAction } from '../../common/quality/parseExpectations';
import { SiltError } from '../../common/SiltError';
import { SqlError } from '../engine/SqlError';
import { CheckQueryError, placeCheckError, type CheckPlacing } from './CheckQueryError';
import { conditionProbe, countQuery } from './expectationSql';

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
    /** Where DuckDB pointed in the rule's condition, when it did, for the cell to mark. */
    readonly placing?: CheckPlacing,
    /** Set once placed in the cell: the caret's offset and column, and the message without the LINE and caret lines. */
    readonly at?: { offset: number; column: number; detail: string },
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
  const count = countQuery(source, resolved);
  try {
    [row] = await engine.query(count.sql);
  } catch (e) {
    if (!(e instanceof SqlError)) throw e;
    // A condition that does not bind is found rule by rule; else the caret tells whose the error is.
    const blamed = await blame(engine, source, rules, resolved);
    if (blamed) throw blamed;
    const placing = placeCheckError(e, count.sql, count.spans);
    const piece = placing.at?.piece ?? -1;
    throw new CheckQueryError(e, placing, piece >= 0 ? ruleLabel(rules[piece]) : undefined);
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

/**
 * The first rule whose condition alone fails to bind, as an error naming it, undefined if none does;
 * a source that fails to bind (a missing table) is the target's error, no rule's.
 */
async function blame(
  engine: Queryable,
  source: string,
  rules: Expectation[],
  resolved: string[],
): Promise<SqlError | RuleConditionError | undefined> {
  for (const [i, r] of rules.entries()) {
    const probe = conditionProbe(source, resolved[i], i);
    try {
      await engine.query(probe.sql);
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      const placing = placeCheckError(e, probe.sql, probe.spans);
      if (placing.at?.piece === -1) return new CheckQueryError(e, placing);
      return new RuleConditionError(`${ruleLabel(r)} cannot be checked: ${placing.detail}`, r.line, placing);
    }
  }
  return undefined;
}

/** 'Rule "fair_price" (line 3)', or '(from expectations.yml)' for a rule the cell did not write. */
function ruleLabel(r: Expectation): string {
  return `Rule "${r.name}" (${r.line ? `line ${r.line}` : 'from expectations.yml'})`;
}
