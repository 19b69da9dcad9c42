/**
 * One check of a set of rules on a target, as the expectation cell and `quality.check` both run it:
 * resolve shared names, count in one scan, record the figures in the workspace history, then apply
 * the actions (FAIL UPDATE stops before anything is written; DROP ROW writes valid and quarantine).
 */
import type { DuckEngine } from '../../engine/DuckEngine';
import type { SharedTables } from '../sharing/SharedTables';
import { findSharedRefs } from '../sharing/findSharedRefs';
import type { Expectation } from '../../../common/quality/parseExpectations';
import { isPlainIdentifier, quoteIdent } from '../../../common/sqlQuote';
import { SiltError } from '../../../common/SiltError';
import { formatRowCount } from '../../../common/formatRowCount';
import { checkExpectations, type CheckFigures } from '../../quality/checkExpectations';
import { FilteredInPlace, splitInto, tableOid, type DropOutcome } from '../../quality/dropRows';
import { recordCheck } from '../../quality/qualityHistory';
import { EXPECTATIONS_FILE, fileRules } from '../../quality/expectationsFile';
import { rememberRules } from './sessionRules';
import type { Notify } from '../Notify';
import type { RefEdit } from '../sharing/findSharedRefs';
import { checkErrorInCell } from './checkErrorInCell';
import { resolveCheck, type ResolvedPiece } from './resolveCheck';

/** What a check needs from the session. */
export interface QualityContext {
  engine: DuckEngine;
  shared: SharedTables;
  /** The session's shared-name resolution, as SQL cells use it (downloads with progress, cancellable). */
  resolve(sql: string): Promise<string>;
  /** resolve, with the names it replaced, so DuckDB's errors can be told in the analyst's text. */
  resolveMapped(sql: string): Promise<{ sql: string; edits: RefEdit[] }>;
  workspace: string;
  /** Raises session events; a recorded check tells the window so a shown quality badge reads it again. */
  notify?: Notify;
}

export interface CheckOutcome {
  figures: CheckFigures;
  /** The shared table version checked, when the target is one. */
  tableVersion: number | null;
  dropped: DropOutcome | null;
  /** A history write that failed (the check itself stands). */
  historyProblem: string | null;
  /** Set when a FAIL UPDATE rule failed: nothing was written, and the caller fails with it. */
  failure: ExpectationFailedError | null;
  /** The target and conditions with shared names resolved, for follow-up queries (failing rows). */
  source: string;
  resolved: string[];
  /** How many of the rules came from expectations.yml. */
  fromFile: number;
}

/** A FAIL UPDATE rule with failing rows: the cell fails, naming the rule; nothing is written. */
export class ExpectationFailedError extends SiltError {
  override name = 'ExpectationFailedError';
  readonly kind = 'Expectation failed';
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super('bad-request', message);
  }
}

const inPlace = new WeakMap<DuckEngine, FilteredInPlace>();

/**
 * Checks `rules` on `target` (a FAIL UPDATE failure is returned, not thrown, so the figures can be shown first). `name` (the cell's name) receives the rows DROP ROW keeps; without one,
 * a local table is filtered in place and a shared table's rows go to `<table>_valid`. The quarantine
 * is `<name or table>__quarantine`.
 */
export async function runChecks(
  ctx: QualityContext,
  target: string,
  own: Expectation[],
  name?: string,
  /** The expectation cell the target and rules were read from, whose text DuckDB's errors then mark. */
  cell?: { code: string; targetAt: number },
): Promise<CheckOutcome> {
  // The team's rules from expectations.yml come first; a rule of the cell with the same name replaces one.
  const ownNames = new Set(own.map((r) => r.name.toLowerCase()));
  const shared = fileRules(ctx.workspace, target).filter((r) => !ownNames.has(r.name.toLowerCase()));
  const rules = [...shared, ...own];
  rememberRules(ctx.engine, target, own);
  if (rules.length === 0) {
    throw new SiltError(
      'bad-request',
      `No rules for ${target}: write CONSTRAINT name EXPECT (condition) after it, or add a block for it to ${EXPECTATIONS_FILE}.`,
    );
  }
  if (name !== undefined && !isPlainIdentifier(name)) {
    throw new SiltError('bad-request', `"${name}" cannot name the rows that pass: use letters, digits and _ and start with a letter.`);
  }
  const filtered = inPlace.get(ctx.engine) ?? new FilteredInPlace();
  inPlace.set(ctx.engine, filtered);
  const local = isPlainIdentifier(target) && (await tableOid(ctx.engine, target)) !== undefined;
  const drops = rules.filter((r) => r.action === 'drop');
  const base = name || lastPart(target);
  const quarantine = `${base}__quarantine`;
  // A table an earlier run filtered in place is checked whole again (it plus its quarantine), and
  // only put back together once no FAIL UPDATE rule fails: a failing run changes nothing.
  const restoring = local && !name && drops.length > 0 && (await filtered.restorable(ctx.engine, target, quarantine));

  const { target: targetRead, conditions } = await resolveCheck(
    (sql) => ctx.resolveMapped(sql),
    target,
    rules.map((r) => r.condition),
  );
  const resolvedTarget = targetRead.sql;
  const unionHead = '(SELECT * FROM ';
  const source = restoring
    ? `${unionHead}${resolvedTarget} UNION ALL SELECT * FROM ${quoteIdent(quarantine)}) AS whole_input`
    : resolvedTarget;
  const resolved = conditions.map((c) => c.sql);
  const figures = await checkExpectations(ctx.engine, target, source, rules, resolved).catch((e: unknown) => {
    if (!cell) throw e;
    const piece = (read: ResolvedPiece, at: number | undefined, skip = 0) => ({
      at,
      edits: read.edits,
      skip,
      length: read.sql.length,
    });
    throw checkErrorInCell(
      e,
      cell.code,
      piece(targetRead, cell.targetAt, restoring ? unionHead.length : 0),
      // Rules from expectations.yml are not in the cell (line 0).
      rules.map((r, i) => piece(conditions[i], r.line ? r.conditionAt : undefined)),
      ctx.shared.spellings,
    );
  });
  const tableVersion = await sharedVersion(ctx, target);
  let historyProblem: string | null = null;
  await recordCheck(ctx.engine.laneConnection, ctx.workspace, figures, tableVersion).then(
    () => ctx.notify?.({ type: 'quality.checked', table: target }),
    (e) => {
      historyProblem = `The check was not added to the quality history: ${e instanceof Error ? e.message : String(e)}`;
    },
  );

  const failing = figures.rules.find((r) => r.action === 'fail' && r.failed > 0);
  if (failing) {
    const rule = rules.find((r) => r.name === failing.name);
    const failure = new ExpectationFailedError(
      `Rule "${failing.name}" failed on ${formatRowCount(failing.failed)} of ${formatRowCount(failing.checked)} of ${target} ` +
        `(${failing.condition}); ON VIOLATION FAIL UPDATE stops here and keeps what earlier runs wrote.`,
      // Rules from expectations.yml or quality.check have no line in the cell (0).
      rule?.line || undefined,
    );
    return { figures, tableVersion, dropped: null, historyProblem, failure, source, resolved, fromFile: shared.length };
  }
  if (restoring) await filtered.restore(ctx.engine, target, quarantine);
  let dropped: DropOutcome | null = null;
  const dropConditions = rules.flatMap((r, i) => (r.action === 'drop' ? [resolved[i]] : []));
  if (name) dropped = await splitInto(ctx.engine, source, name, quarantine, dropConditions);
  else if (drops.length > 0 && local) dropped = await filtered.split(ctx.engine, target, quarantine, dropConditions);
  else if (drops.length > 0) dropped = await splitInto(ctx.engine, source, `${base}_valid`, quarantine, dropConditions);
  return { figures, tableVersion, dropped, historyProblem, failure: null, source, resolved, fromFile: shared.length };
}

/** The version of the shared table a target names (its VERSION AS OF, else the latest); null for a local one. */
async function sharedVersion(ctx: QualityContext, target: string): Promise<number | null> {
  let refs;
  try {
    refs = findSharedRefs(`SELECT * FROM ${target}`, await ctx.shared.tables()).refs;
  } catch {
    return null;
  }
  if (refs.length !== 1 || refs[0].changes) return null;
  const ref = refs[0];
  if (ref.version !== undefined) return ref.version;
  return ctx.shared
    .client(ref.table.profile)
    .tableVersion({ share: ref.table.share, schema: ref.table.schema, table: ref.table.table })
    .catch(() => null);
}

/** `demo.silver.orders` → `orders`; quoted names lose their quotes; anything else becomes `checked`. */
function lastPart(target: string): string {
  const m = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s*(?:(?:VERSION|TIMESTAMP)\s+AS\s+OF\s+\S+)?$/i.exec(target.trim());
  const part = m ? m[1].replace(/^"|"$/g, '').replaceAll('""', '"') : '';
  const plain = part.replace(/[^A-Za-z0-9_]/g, '_');
  return isPlainIdentifier(plain) ? plain : 'checked';
}
