/**
 * Keeps the other connections of a session in step with what the user's connection made local to
 * itself, so a live re-run (on the live lane's connection) gives what it would give in the user's lane.
 *
 * DuckDB keeps two kinds of state per connection. Asked directly (test/integration/engine/laneState.test.ts):
 * - Settings. `SET`/`RESET` (without GLOBAL), `USE`, `PRAGMA name=value` and `SET VARIABLE` all run as
 *   statements of type SET; `PRAGMA enable_profiling` and friends as type PRAGMA. What they leave is
 *   readable as `duckdb_settings()` rows of scope LOCAL (TimeZone, schema, search_path, …) and as
 *   `duckdb_variables()`. GLOBAL settings (threads, memory_limit) are the database's: nothing to copy.
 *   After such a statement, the LOCAL settings and variables that changed are set the same on the
 *   followers (the live lane's and the grid's connections); a connection opened later starts with
 *   them (follow).
 * - TEMP tables, views, macros and sequences, which no other connection can see or be given. Their
 *   names are kept here (read back from DuckDB's catalog after a CREATE, DROP or ALTER), so the
 *   session runs a live re-run that reads one in the user's lane instead (see userLaneReason).
 *
 * - An open transaction (BEGIN): what it changed only the user's connection sees (UserTransaction).
 *
 * A setting DuckDB refuses to take back as text leaves the lanes disagreeing; `liveDiffers` says which,
 * and live re-runs then go to the user's lane too, rather than give other numbers.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import type { TransactionView } from './UserTransaction';
import { watchStatements } from './watchStatements';

/** Statement kinds that can change a LOCAL setting or a variable. */
const SETS = new Set<StatementType>([StatementType.SET, StatementType.VARIABLE_SET, StatementType.PRAGMA]);
/** Statement kinds that can make, remove or rename a TEMP object. */
const CATALOG = new Set<StatementType>([StatementType.CREATE, StatementType.DROP, StatementType.ALTER]);

const SETTINGS_SQL = `SELECT name, value FROM duckdb_settings() WHERE scope = 'LOCAL'`;
const VARIABLES_SQL = `SELECT name, value::VARCHAR, type FROM duckdb_variables()`;
const RELATIONS_SQL = `
  SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp'
  UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = 'temp'
  UNION ALL SELECT sequence_name FROM duckdb_sequences() WHERE database_name = 'temp'`;
/** Read only after a statement that says MACRO or FUNCTION: listing functions takes tens of ms, the rest about one. */
const MACROS_SQL = `SELECT function_name FROM duckdb_functions() WHERE database_name = 'temp'`;

type Snapshot = Map<string, string | null>;
/** The key in `failed` for a read of the user's connection that failed (an Interrupt landing on it). */
const LOST = Symbol('lost');

export class LaneState {
  /** Lower-cased names of the user connection's TEMP tables, views and sequences; and macros. */
  private relations = new Set<string>();
  private macros = new Set<string>();
  /** Settings and variables the followers could not be given, with DuckDB's reason. */
  private readonly failed = new Map<string | typeof LOST, string>();
  /** A fresh connection's settings and variables (what a new connection starts with). */
  private initial: { settings: Snapshot; variables: Snapshot } = { settings: new Map(), variables: new Map() };
  private settings: Snapshot = new Map();
  private variables: Snapshot = new Map();
  /** Copies to the followers, in order: a live re-run waits for them (settled) instead of the user's lane. */
  private applying: Promise<void> = Promise.resolve();
  /**
   * Told, with the user's connection, right after a statement that may have made, changed or dropped
   * a TEMP object, before the next statement of the run can start: the catalog reads (CatalogReads)
   * take the TEMP tables' columns then, so the variables panel lists a TEMP table made by a cell that
   * is still running.
   */
  onTempChange: ((user: DuckDBConnection) => Promise<void>) | null = null;

  private constructor(
    private readonly user: DuckDBConnection,
    private readonly followers: DuckDBConnection[],
    private readonly userTransaction: TransactionView,
  ) {}

  /**
   * Starts from the user connection as it is now (a fresh one: the followers are the same).
   * `transaction` knows whether the user's SQL opened a transaction on it (UserTransaction).
   */
  static async create(user: DuckDBConnection, followers: DuckDBConnection[], transaction: TransactionView): Promise<LaneState> {
    const state = new LaneState(user, followers, transaction);
    state.settings = await state.read(SETTINGS_SQL);
    state.variables = await state.read(VARIABLES_SQL, true);
    state.initial = { settings: state.settings, variables: state.variables };
    return state;
  }

  /**
   * The user's connection, watched: after each statement that can change connection-local state,
   * that state is read back from DuckDB (a query of a few ms, only after such statements).
   */
  watch(conn: DuckDBConnection): DuckDBConnection {
    return watchStatements(conn, async (sql, run) => {
      const result = await run();
      await this.after(result.statementType, sql);
      return result;
    });
  }

  /** Why the followers may disagree with the user's connection, or null when they agree. */
  get liveDiffers(): string | null {
    const [first] = this.failed;
    if (!first) return null;
    const [name, why] = first;
    return name === LOST
      ? `the user's connection could not be read back after a statement (${why})`
      : `the live connection refused the setting ${name} (${why})`;
  }

  /** Resolves once every change seen so far has reached the followers. */
  settled(): Promise<void> {
    return this.applying;
  }

  /**
   * Whether the user's connection is inside a transaction its SQL opened: only it sees what the
   * transaction changed, so a live re-run then runs there (see userLaneReason).
   */
  get transaction(): TransactionView {
    return this.userTransaction;
  }

  /** Lower-cased names of the user connection's TEMP objects. */
  get tempNames(): ReadonlySet<string> {
    return new Set([...this.relations, ...this.macros]);
  }

  private async after(type: StatementType, sql: string): Promise<void> {
    // After a failed read, every statement reads again until one succeeds.
    const lost = this.failed.has(LOST);
    // Only a CREATE that says TEMP can make one; only a DROP or ALTER can end one we know of.
    const known = this.relations.size + this.macros.size > 0;
    const temps = CATALOG.has(type) && (type === StatementType.CREATE ? /\btemp(orary)?\b/i.test(sql) : known);
    const macros = temps && /\b(macro|function)\b/i.test(sql);
    const settings = SETS.has(type);
    if (!lost && !temps && !settings) return;
    try {
      if (lost || settings) await this.syncSettings();
      if (lost || temps) this.relations = await this.readNames(RELATIONS_SQL);
      if (lost || macros) this.macros = await this.readNames(MACROS_SQL);
      if ((lost || temps) && this.onTempChange) await this.onTempChange(this.user);
      this.failed.delete(LOST);
    } catch (e) {
      // The statement itself succeeded: it is not failed for this. Live re-runs go to the user's lane meanwhile.
      this.failed.set(LOST, (e as Error).message.split('\n')[0]);
    }
  }

  private async syncSettings(): Promise<void> {
    const settings = await this.read(SETTINGS_SQL);
    const variables = await this.read(VARIABLES_SQL, true);
    const statements = changes({ settings: this.settings, variables: this.variables }, { settings, variables });
    this.settings = settings;
    this.variables = variables;
    if (statements.length === 0) return;
    // Not awaited here: a follower busy with a live re-run takes them when it ends, and the user's
    // cell goes on meanwhile. Live re-runs wait for settled() before they start.
    this.applying = this.applying.then(async () => {
      for (const s of statements) {
        this.failed.delete(s.name);
        for (const f of this.followers) {
          try {
            await f.run(s.sql);
          } catch (e) {
            this.failed.set(s.name, (e as Error).message.split('\n')[0]);
          }
        }
      }
    });
  }

  /**
   * Gives a new connection of the same database (an export's, a publish's) the user's settings and
   * variables as they are now, so it reads the same schema and writes the same local times. One it
   * refuses stays at its default there (none seen: DuckDB takes back every value it shows as text).
   */
  async follow(conn: DuckDBConnection): Promise<DuckDBConnection> {
    for (const s of changes(this.initial, { settings: this.settings, variables: this.variables }))
      await conn.run(s.sql).catch(() => undefined);
    return conn;
  }

  private async readNames(sql: string): Promise<Set<string>> {
    const rows = (await this.user.runAndReadAll(sql)).getRowsJson();
    return new Set(
      rows
        .map(([name]) => String(name))
        .filter((name) => !silts(name))
        .map((name) => name.toLowerCase()),
    );
  }

  /** name → value from the user connection; variables keep their type with the value. */
  private async read(sql: string, typed = false): Promise<Snapshot> {
    const rows = (await this.user.runAndReadAll(sql)).getRowsJson() as (string | null)[][];
    return new Map(rows.map((r) => [String(r[0]), typed ? JSON.stringify([r[2], r[1]]) : r[1]]));
  }
}

/** The statements that take a connection with settings and variables `from` to `to`. */
function changes(
  from: { settings: Snapshot; variables: Snapshot },
  to: { settings: Snapshot; variables: Snapshot },
): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = [];
  for (const [name, value] of to.settings) {
    if (from.settings.get(name) === value) continue;
    out.push({ name, sql: value === null ? `RESET ${quoteIdent(name)}` : `SET ${quoteIdent(name)} = ${quoteLiteral(value)}` });
  }
  for (const [name, typed] of to.variables) {
    if (from.variables.get(name) === typed) continue;
    const [type, value] = JSON.parse(typed!) as [string, string | null];
    out.push({ name, sql: `SET VARIABLE ${quoteIdent(name)} = ${value === null ? 'NULL' : `CAST(${quoteLiteral(value)} AS ${type})`}` });
  }
  for (const name of from.variables.keys()) if (!to.variables.has(name)) out.push({ name, sql: `RESET VARIABLE ${quoteIdent(name)}` });
  return out;
}

/**
 * TEMP objects Silt makes for itself, which each lane makes for its own statements: the views of shared
 * tables (named like the table, `share.schema.table`, `changes(…)`) and staging tables (`__silt_…`).
 */
function silts(name: string): boolean {
  return name.startsWith('__silt_') || /[.(@]/.test(name);
}
