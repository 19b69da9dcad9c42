/**
 * DROP ROW: the rows no DROP ROW rule rejects go to the valid table, the others to its quarantine,
 * so later cells read only passing rows and nothing is lost (kept + quarantined = input).
 *
 * A local table checked without a cell name is filtered in place (later cells read the checked name
 * itself). Re-running that cell must check the original input again, not the already-filtered
 * table, so the table's DuckDB oid is remembered: while it is unchanged, the quarantined rows are put
 * back before the check. A table re-created by an earlier cell has a new oid and is taken as it is.
 */
import type { DuckEngine } from '../engine/DuckEngine';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { keepPredicate, splitSql } from './expectationSql';

export interface DropOutcome {
  valid: string;
  quarantine: string;
  kept: number;
  quarantined: number;
}

/** Tables this session filtered in place, by lower-cased name: the oid they had right after filtering. */
export class FilteredInPlace {
  private oids = new Map<string, string>();

  /** Whether `table` is as an earlier run of this session filtered it, with its quarantine still there. */
  async restorable(engine: DuckEngine, table: string, quarantine: string): Promise<boolean> {
    const oid = this.oids.get(table.toLowerCase());
    return oid !== undefined && oid === (await tableOid(engine, table)) && (await tableOid(engine, quarantine)) !== undefined;
  }

  /** Puts a table filtered in place by an earlier run back together with its quarantine. */
  async restore(engine: DuckEngine, table: string, quarantine: string): Promise<void> {
    if (!(await this.restorable(engine, table, quarantine))) return;
    await engine.laneConnection.run(`INSERT INTO ${quoteIdent(table)} SELECT * FROM ${quoteIdent(quarantine)}`);
    this.oids.delete(table.toLowerCase());
  }

  async split(engine: DuckEngine, table: string, quarantine: string, dropConditions: string[]): Promise<DropOutcome> {
    const keep = keepPredicate(dropConditions);
    await engine.laneConnection.run(splitSql(quarantine, quoteIdent(table), keep, 'quarantine'));
    await engine.laneConnection.run(`DELETE FROM ${quoteIdent(table)} WHERE NOT (${keep})`);
    this.oids.set(table.toLowerCase(), (await tableOid(engine, table))!);
    return { valid: table, quarantine, ...(await counts(engine, table, quarantine)) };
  }
}

/** Writes the valid and quarantine tables from a source that stays as it is (a shared table, a named cell). */
export async function splitInto(
  engine: DuckEngine,
  source: string,
  valid: string,
  quarantine: string,
  dropConditions: string[],
): Promise<DropOutcome> {
  const keep = keepPredicate(dropConditions);
  await engine.laneConnection.run(splitSql(quarantine, source, keep, 'quarantine'));
  await engine.laneConnection.run(splitSql(valid, source, keep, 'keep'));
  return { valid, quarantine, ...(await counts(engine, valid, quarantine)) };
}

/** The oid of a local base table (not a view) named `name`, or undefined when there is none. */
export async function tableOid(engine: DuckEngine, name: string): Promise<string | undefined> {
  const rows = await engine.query(
    `SELECT table_oid::VARCHAR AS oid FROM duckdb_tables() WHERE lower(table_name) = lower(${quoteLiteral(name)})`,
  );
  return rows.length === 1 ? String(rows[0].oid) : undefined;
}

async function counts(engine: DuckEngine, valid: string, quarantine: string): Promise<{ kept: number; quarantined: number }> {
  const [r] = await engine.query(
    `SELECT (SELECT count(*) FROM ${quoteIdent(valid)}) AS kept, (SELECT count(*) FROM ${quoteIdent(quarantine)}) AS quarantined`,
  );
  return { kept: Number(r.kept), quarantined: Number(r.quarantined) };
}
