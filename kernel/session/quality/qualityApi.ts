/**
 * `quality` in TypeScript cells: the expectation cell's checks as functions.
 *
 *   const r = await quality.check('demo.silver.orders', { has_id: 'order_id IS NOT NULL' }, { onViolation: 'drop' });
 *   r.rules  // [{ rule: 'has_id', action: 'drop', rowsChecked, passed, failed, failedPercent, condition }]
 *
 * A rule is a condition, or `{ condition, onViolation }` to give it its own action. The rules are
 * written as an expectation cell and parsed by the same parser, so both report syntax alike.
 */
import { parseExpectations, type ViolationAction } from '../../../common/quality/parseExpectations';
import { quoteIdent, quoteLiteral } from '../../../common/sqlQuote';
import { SiltError } from '../../../common/SiltError';
import { historySql } from '../../quality/qualityHistory';
import { profileColumns } from '../../quality/profileColumns';
import { suggestionCell, suggestRules } from '../../../common/quality/suggestExpectations';
import { runChecks, type QualityContext } from './runChecks';
import type { TsRealm } from '../TsRealm';

type Rule = string | { condition: string; onViolation?: ViolationAction };
const CLAUSE: Record<ViolationAction, string> = { warn: '', drop: ' ON VIOLATION DROP ROW', fail: ' ON VIOLATION FAIL UPDATE' };

/** `realm` gives the cells' own `register` and `sql`, so data goes in and comes out as in any cell. */
export function qualityApi(ctx: () => QualityContext, realm: Pick<TsRealm, 'call'>) {
  let registered = 0;
  const register = (name: string, value: unknown) => realm.call('register', name, value) as Promise<unknown>;
  const sql = (text: string) => realm.call('sql', text) as Promise<unknown>;
  /** A table name as given, or other data (a DataFrame, records) registered as a table first. */
  const targetOf = async (source: unknown): Promise<string> => {
    if (typeof source === 'string') return source;
    // A name of its own (hidden from the variables panel): a user's table called `checked` stays.
    const name = `__silt_checked_${++registered}`;
    await register(name, source);
    return name;
  };
  return {
    /** Checks the rules on a table name, DataFrame or records; FAIL UPDATE rules that fail throw. */
    async check(source: unknown, rules: Record<string, Rule>, opts: { onViolation?: ViolationAction; name?: string } = {}) {
      if (rules === null || typeof rules !== 'object' || Object.keys(rules).length === 0) {
        throw new SiltError('bad-request', 'quality.check needs rules: { name: "condition", … }');
      }
      const target = await targetOf(source);
      const text = Object.entries(rules).map(([name, r]) => {
        const { condition, onViolation } = typeof r === 'string' ? { condition: r, onViolation: undefined } : r;
        return `CONSTRAINT ${quoteIdent(name)} EXPECT (${condition})${CLAUSE[onViolation ?? opts.onViolation ?? 'warn']}`;
      });
      // Lines of this made-up cell mean nothing to the TypeScript cell that called: they are dropped.
      const parsed = parseExpectations(`EXPECT ON ${target}\n${text.join(',\n')}`);
      const cell = { ...parsed, rules: parsed.rules.map(({ conditionAt: _, ...r }) => ({ ...r, line: 0, column: 0 })) };
      // DROP ROW on data (not a table) writes its valid rows to `name`, or to `checked` by default.
      const drops = cell.rules.some((r) => r.action === 'drop');
      const o = await runChecks(ctx(), cell.target, cell.rules, opts.name ?? (typeof source !== 'string' && drops ? 'checked' : undefined));
      if (o.failure) throw o.failure;
      return {
        target,
        tableVersion: o.tableVersion,
        rows: o.figures.checked,
        ok: o.figures.rules.every((r) => r.failed === 0),
        rules: o.figures.rules.map((r) => ({
          rule: r.name,
          action: r.action,
          rowsChecked: r.checked,
          passed: r.passed,
          failed: r.failed,
          failedPercent: r.failedPercent,
          condition: r.condition,
        })),
        ...(o.dropped ? { valid: o.dropped.valid, quarantine: o.dropped.quarantine } : {}),
      };
    },
    /** An expectation cell's text proposing rules that hold on the table as it is now. */
    async suggest(source: unknown): Promise<string> {
      return suggestExpectations(ctx(), await targetOf(source));
    },
    /** Every check so far (one row per rule per check) as a DataFrame, optionally of one target. */
    async history(target?: string): Promise<unknown> {
      const scan = await historySql(ctx().workspace);
      if (!scan)
        throw new SiltError('not-found', 'No checks yet: the quality history starts with the first expectation cell or quality.check.');
      const where = target === undefined ? '' : ` WHERE target = ${quoteLiteral(target)}`;
      return sql(`SELECT * FROM (${scan})${where} ORDER BY checked_at, rule`);
    },
  };
}

/** Profiles the target and writes an EXPECT ON cell whose rules hold on it. */
export async function suggestExpectations(ctx: QualityContext, target: string): Promise<string> {
  const resolved = await ctx.resolve(`SELECT * FROM ${target}`);
  const stats = await profileColumns(ctx.engine, resolved.slice('SELECT * FROM '.length));
  return suggestionCell(target, suggestRules(stats, target));
}
