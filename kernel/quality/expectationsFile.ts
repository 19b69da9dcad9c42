/**
 * Rules kept with the team: `expectations.yml` beside the notebook, one block per table, applied by
 * every expectation cell (and `quality.check`) of a notebook in that folder that checks the table.
 *
 *   demo.silver.orders:
 *     has_id:
 *       expect: order_id IS NOT NULL
 *       on_violation: fail update      # or: drop row, warn (the default)
 *     fair_price: amount_eur BETWEEN 500 AND 500000
 *
 * Each rule goes through the cell parser, so a condition is checked the same way in both places.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ExpectationSyntaxError, parseExpectations, type Expectation } from '../../common/quality/parseExpectations';
import { quoteIdent } from '../../common/sqlQuote';
import { SiltError } from '../../common/SiltError';

export const EXPECTATIONS_FILE = 'expectations.yml';

const CLAUSE: Record<string, string> = {
  warn: '',
  'drop row': ' ON VIOLATION DROP ROW',
  drop: ' ON VIOLATION DROP ROW',
  'fail update': ' ON VIOLATION FAIL UPDATE',
  fail: ' ON VIOLATION FAIL UPDATE',
};

/** The rules the folder's expectations.yml gives `target` (matched as written, ignoring case); [] without a file or block. */
export function fileRules(workspace: string, target: string): Expectation[] {
  const path = join(workspace, EXPECTATIONS_FILE);
  if (!workspace || !existsSync(path)) return [];
  return rulesFromYaml(readFileSync(path, 'utf8'), target);
}

export function rulesFromYaml(text: string, target: string): Expectation[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new SiltError('bad-request', `${EXPECTATIONS_FILE} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new SiltError('bad-request', `${EXPECTATIONS_FILE} must map table names to their rules.`);
  const key = Object.keys(doc).find((k) => k.trim().toLowerCase() === target.trim().toLowerCase());
  if (key === undefined) return [];
  const block = (doc as Record<string, unknown>)[key];
  if (block === null || typeof block !== 'object' || Array.isArray(block)) {
    throw new SiltError(
      'bad-request',
      `${EXPECTATIONS_FILE}, ${key}: give the rules as "name: condition" or "name: {expect, on_violation}".`,
    );
  }
  return Object.entries(block as Record<string, unknown>).map(([name, r]) => {
    const where = `${EXPECTATIONS_FILE}, ${key}, rule "${name}"`;
    const spec = typeof r === 'string' ? { expect: r } : (r as { expect?: unknown; on_violation?: unknown } | null);
    if (!spec || typeof spec.expect !== 'string') throw new SiltError('bad-request', `${where}: needs "expect: <condition>".`);
    const action = String(spec.on_violation ?? 'warn')
      .trim()
      .toLowerCase();
    if (!(action in CLAUSE))
      throw new SiltError('bad-request', `${where}: on_violation is warn, drop row or fail update, not "${spec.on_violation}".`);
    try {
      const [{ conditionAt: _, ...rule }] = parseExpectations(
        `EXPECT ON t CONSTRAINT ${quoteIdent(name)} EXPECT (${spec.expect})${CLAUSE[action]}`,
      ).rules;
      // The rule's place is in the file, not in the cell that applies it.
      return { ...rule, line: 0, column: 0 };
    } catch (e) {
      if (e instanceof ExpectationSyntaxError) throw new SiltError('bad-request', `${where}: ${e.message.replace(/^.*?\): /, '')}`);
      throw e;
    }
  });
}
