/**
 * An expectation cell (a SQL cell starting with EXPECT ON): checks its rules and shows a summary
 * line, the figures per rule, and a few failing rows per failing rule. FAIL UPDATE fails the cell
 * after showing them, so `silt run` exits 1 with the rule named.
 */
import type { ColumnInfo, Output } from '../../protocol';
import type { SqlResult } from '../../engine/DuckEngine';
import { parseExpectations } from '../../../common/quality/parseExpectations';
import { formatRowCount } from '../../../common/formatRowCount';
import { failingRowsSql, SAMPLE_ROWS } from '../../quality/expectationSql';
import type { CheckFigures } from '../../quality/checkExpectations';
import { runChecks, type CheckOutcome, type QualityContext } from './runChecks';

const ACTION_LABEL = { warn: 'warn', drop: 'drop row', fail: 'fail update' } as const;

const FIGURE_COLUMNS: ColumnInfo[] = [
  { name: 'rule', type: 'VARCHAR' },
  { name: 'action', type: 'VARCHAR' },
  { name: 'checked', type: 'BIGINT' },
  { name: 'passed', type: 'BIGINT' },
  { name: 'failed', type: 'BIGINT' },
  { name: 'failed_pct', type: 'DOUBLE' },
  { name: 'condition', type: 'VARCHAR' },
];

/** Runs the cell; returns the tables it wrote (for the session's named results). Throws on FAIL UPDATE. */
export async function runExpectationCell(
  ctx: QualityContext,
  code: string,
  name: string | undefined,
  push: (o: Output) => void,
): Promise<string[]> {
  const cell = parseExpectations(code);
  const outcome = await runChecks(ctx, cell.target, cell.rules, name, { code, targetAt: cell.targetAt });
  push({ kind: 'stream', name: 'stdout', text: `${summaryLine(outcome)}\n` });
  if (outcome.historyProblem) push({ kind: 'stream', name: 'stderr', text: `${outcome.historyProblem}\n` });
  push(table(await ctx.engine.storeRows(FIGURE_COLUMNS, figureRows(outcome.figures))));
  const failing = outcome.figures.rules.flatMap((r, i) => (r.failed > 0 ? [{ name: r.name, condition: outcome.resolved[i] }] : []));
  if (failing.length > 0) {
    push({ kind: 'stream', name: 'stdout', text: `Failing rows, up to ${SAMPLE_ROWS} per rule:\n` });
    push(table(await ctx.engine.execute(failingRowsSql(outcome.source, failing))));
  }
  if (outcome.failure) throw outcome.failure;
  return outcome.dropped ? [outcome.dropped.valid, outcome.dropped.quarantine] : [];
}

export function figureRows(f: CheckFigures): (string | number)[][] {
  return f.rules.map((r) => [r.name, ACTION_LABEL[r.action], r.checked, r.passed, r.failed, r.failedPercent, r.condition]);
}

/** "demo.silver.orders v3 · 1,000 rows · 3 rules: 2 pass, 1 fails (fair_price) · 12 rows dropped → …". */
export function summaryLine(o: CheckOutcome): string {
  const { figures: f } = o;
  const failing = f.rules.filter((r) => r.failed > 0);
  const parts = [
    `${f.target}${o.tableVersion !== null ? ` v${o.tableVersion}` : ''}`,
    formatRowCount(f.checked),
    failing.length === 0
      ? `${plural(f.rules.length, 'rule')}${fromFile(o)}: all pass`
      : `${plural(f.rules.length, 'rule')}${fromFile(o)}: ${f.rules.length - failing.length} pass, ${failing.length} ${failing.length === 1 ? 'fails' : 'fail'} (${failing.map((r) => r.name).join(', ')})`,
  ];
  if (o.dropped) {
    parts.push(
      `${o.dropped.valid} has the ${formatRowCount(o.dropped.kept)} that pass, ${o.dropped.quarantine} the ${formatRowCount(o.dropped.quarantined)} dropped`,
    );
  }
  return parts.join(' · ');
}

function fromFile(o: CheckOutcome): string {
  return o.fromFile > 0 ? ` (${o.fromFile} from expectations.yml)` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function table(r: SqlResult): Output {
  return { kind: 'table', handle: r.handle, rowCount: r.rowCount, columns: r.columns, rows: r.firstPage };
}
