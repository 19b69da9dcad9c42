/**
 * One notebook's runtime: SQL cells on DuckDB, TypeScript cells in the realm, results as pageable
 * handles, and the bridge between them (a named SQL result is a DataFrame in TypeScript; a DataFrame
 * or array of records can be registered as a table for SQL).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isPlainIdentifier } from '../../common/sqlQuote';
import type { CodeLanguage, ColumnInfo, NameInfo, Output, ProgressUnit, RunResult, TableOutput } from '../protocol';
import { RunOutputs } from './RunOutputs';
import { StreamBatcher } from './StreamBatcher';
import { DuckEngine, type Lane, type SqlResult } from '../engine/DuckEngine';
import { changedResults } from '../engine/changedResults';
import type { RunContext } from './RunContext';
import { SqlError } from '../engine/SqlError';
import { sqlErrorInCell } from './sqlErrorInCell';
import { sqlHelpers } from './ts/sqlHelpers';
import type { RefEdit } from './sharing/findSharedRefs';
import { AmbiguousQualifierError } from './sharing/qualifiedColumns';
import { SiltError } from '../../common/SiltError';
import { errorHeadline } from '../../common/errorHeadline';
import type { ErrorCode } from '../../common/errorCode';
import { displayValue } from './displayValue';
import { loadDanfo, toDataFrame } from './toDataFrame';
import { registerValue } from './ts/registerValue';
import { TsRealm } from './TsRealm';
import { SharedTables } from './sharing/SharedTables';
import { sharingApi } from './sharing/sharingApi';
import { automlApi } from './automlApi';
import { plotGlobal } from '../charts/plotGlobal';
import { LiveTables } from './live/LiveTables';
import { UserLaneGate } from './live/UserLaneGate';
import { queuedNotice } from './live/queuedNotice';
import type { LaneWait } from './live/userLaneReason';
import { incrementVetter } from './quality/incrementVetter';
import { formatTableName } from '../../common/tableName';
import type { Notify } from './Notify';
import { CellTypes } from './ts/CellTypes';
import { ambientDeclarations, type NamedResult } from './ts/ambientDeclarations';
import { typeWarning } from './ts/typeWarning';
import { warmUp } from './ts/warmUp';
import { isExpectationCell } from '../../common/quality/parseExpectations';
import { runExpectationCell } from './quality/expectationCell';
import { TRANSACTION_SNAPSHOT_NOTE } from '../../common/live/connectionLocal';
import { noteOutput } from '../../common/outputNote';
import { within } from './within';
import { qualityApi } from './quality/qualityApi';

/** Codes whose headline would say less than the error's own name (a bad reference in a cell's SQL). */
const GENERIC = new Set<ErrorCode>(['bad-request', 'internal']);

export interface ExecuteRequest {
  runId: string;
  /** The cell being run; subscriptions a cell made end when it runs again. */
  cellId?: string;
  language: CodeLanguage;
  code: string;
  name?: string;
  /** `live`: a live re-run on the live lane's connection, beside the user's running cell (see Lane). */
  lane?: Lane;
}

type Emit = (runId: string, output: Output) => void;
type EmitProgress = (runId: string, label: string, done: number, total: number | null, unit?: ProgressUnit) => void;

/**
 * How long a finished TypeScript cell waits for its type check before its result goes back without
 * the warning (the editor still shows the squiggles). A warm checker answers a cell in tens of ms
 * (the check starts with the run, so usually it is done first); a cold one (loading the compiler,
 * about 2 s) is not waited for at all.
 */
const TYPE_CHECK_WAIT_MS = 500;
/** Warming up waits until no run has ended for this long, so it does not delay a burst of runs. */
const WARM_QUIET_MS = 1000;

export class Session {
  private executionCount = 0;
  /** Named SQL results and the run that last wrote each, so TS loads a fresh copy only when needed. */
  private named = new Map<string, { writtenAt: number; loadedAt: number }>();
  /** The runs going now (at most one per lane in practice, but nothing here assumes it). */
  private readonly runs = new Set<RunContext>();
  /** The run the code executing now belongs to (see RunContext). */
  private readonly current = new AsyncLocalStorage<RunContext>();

  /** `sharing.subscribe` calls by cell: re-running a cell replaces its subscriptions instead of adding more. */
  private subscriptions = new Map<string, (() => void)[]>();
  readonly shared: SharedTables;
  /** Shared tables kept current by polling; SQL naming one reads its local copy. */
  readonly live: LiveTables;
  /** Type checks TypeScript cells (on a worker thread) against the realm's globals and earlier cells. */
  readonly types: CellTypes;
  private readonly gate: UserLaneGate;
  /** When the last run ended, so warming up waits for a quiet moment. */
  lastActivity = performance.now();

  private constructor(
    readonly engine: DuckEngine,
    private readonly realm: TsRealm,
    private readonly emit: Emit,
    private readonly emitProgress: EmitProgress,
    readonly notify: Notify,
  ) {
    // The lane's connection: a live re-run's shared-table views are made where its query runs.
    this.shared = new SharedTables(engine.laneConnection);
    // Live tables write through a connection of their own, so an increment never waits for a running cell.
    this.live = new LiveTables(this.shared, () => engine.connect(), notify);
    // An increment that breaks a FAIL UPDATE expectation is held back; the last good version stays.
    this.live.vet = incrementVetter(() => this.quality());
    this.types = new CellTypes(async () => ambientDeclarations(await this.namedResults()));
    this.gate = new UserLaneGate(() => this.running('user'), engine.lanes);
    // A running cell's COMMIT frees the re-runs its transaction held, before the cell ends.
    engine.onUserTransactionSettled(() => this.gate.transactionSettled());
  }

  static async create(opts: {
    workspace: string;
    emit: Emit;
    progress?: EmitProgress;
    notify?: Notify;
    profiles?: string[];
  }): Promise<Session> {
    const engine = await DuckEngine.create();
    const session = new Session(engine, new TsRealm(opts.workspace), opts.emit, opts.progress ?? (() => {}), opts.notify ?? (() => {}));
    for (const p of opts.profiles ?? []) session.shared.addProfile(p);
    session.workspace = opts.workspace;
    session.installGlobals();
    return session;
  }

  /** A cell's SQL with shared table names resolved to views over downloaded files. */
  private resolveShared(sql: string): Promise<{ sql: string; edits: RefEdit[] }> {
    const run = this.current.getStore();
    const refused = (e: unknown) => {
      // A qualifier two tables answer to is marked in the SQL, as DuckDB marks its own errors.
      throw e instanceof AmbiguousQualifierError ? e.inText(sql) : e;
    };
    return this.shared
      .resolveMapped(sql, {
        signal: run?.abort.signal,
        onProgress: (label, p) => run && this.emitProgress(run.runId, `Downloading ${label}`, p.bytesDone, p.bytes),
        // What the progress said about skipped files stays in the cell's output once the run is over.
        onSkipped: (line) => run?.push(noteOutput(line)),
        // The files stay in the cache while this run's statements can read them, whatever other runs do.
        ...(run && !run.ended ? { hold: (release: () => void) => run.holds.push(release) } : {}),
      })
      .catch(refused);
  }

  /** What data-quality checks use of the session (kernel/session/quality). */
  quality() {
    return {
      engine: this.engine,
      shared: this.shared,
      resolve: async (sql: string) => (await this.resolveShared(sql)).sql,
      resolveMapped: (sql: string) => this.resolveShared(sql),
      workspace: this.workspace,
      notify: this.notify,
    };
  }

  /**
   * Runs one cell. Runs in different lanes go side by side: each has its own RunContext and its own
   * DuckDB connection, so a live re-run answers while the user's long cell is still running.
   */
  async execute(req: ExecuteRequest): Promise<RunResult> {
    const executionCount = ++this.executionCount;
    const outputs = new RunOutputs();
    const events = new StreamBatcher((o) => this.emit(req.runId, o));
    const run: RunContext = {
      runId: req.runId,
      cellId: req.cellId ?? null,
      lane: req.lane ?? 'user',
      push: (o) => {
        outputs.push(o);
        events.push(o);
      },
      displays: [],
      abort: new AbortController(),
      interrupted: false,
      ended: false,
      holds: [],
    };
    // Live tables apply increments on their own connection: a run neither waits for them nor blocks them.
    if (req.cellId) for (const off of this.subscriptions.get(req.cellId)?.splice(0) ?? []) off();
    this.runs.add(run);
    try {
      // A live re-run needing the user's connection (a TEMP object, a SET) runs there, after the user's cell.
      // The window shows it running: the notices tell it the re-run is queued, why, and when it goes.
      let queued = false;
      const waiting = (why: LaneWait) => {
        queued = true;
        this.emitProgress(run.runId, `Waits for the running cell: ${why.reason}`, 0, null, 'steps');
        this.notify(queuedNotice(run, why, this.engine.lanes.transaction));
      };
      const lane = run.lane === 'live' ? await this.gate.laneFor(req, run.abort.signal, waiting) : 'user';
      if (queued) this.notify({ type: 'live.dequeued', runId: run.runId, cellId: run.cellId, outcome: lane ? 'started' : 'interrupted' });
      if (!lane) return { status: 'interrupted', executionCount, elapsedMs: 0, outputs: [] };
      run.inUserLane = run.lane === 'live' && lane === 'user';
      const result = await this.engine.inLane(lane, () => this.current.run(run, () => this.runCell(req, run, executionCount, outputs)));
      // Before the run answers, so the next cell (a long one, say) cannot take the connection first.
      if (lane === 'user') await this.refreshTempCatalog();
      return result;
    } finally {
      run.ended = true;
      for (const release of run.holds.splice(0)) release();
      this.runs.delete(run);
      this.gate.runEnded();
      events.flush();
      this.lastActivity = performance.now();
      this.recheckResults();
    }
  }

  /** The TEMP names the catalog reads last kept; they are read again when a run changed them. */
  private tempKey = '';
  private async refreshTempCatalog(): Promise<void> {
    // LaneState read the TEMP names back after the statement that changed them, before it answered.
    const key = [...this.engine.lanes.tempNames].sort().join('\n');
    if (key !== this.tempKey && (await this.engine.catalog.refreshTemp())) this.tempKey = key;
  }

  /** One look at a time at whether a run changed the tables of earlier named results (changedResults.ts). */
  private rechecking: Promise<void> = Promise.resolve();
  private recheckResults(): void {
    this.rechecking = this.rechecking
      .then(() => changedResults(this.engine))
      .then((changed) => {
        for (const c of changed) this.notify({ type: 'result.changed', handle: c.handle, message: c.message });
      })
      .catch(() => undefined);
  }

  private async runCell(req: ExecuteRequest, run: RunContext, executionCount: number, outputs: RunOutputs): Promise<RunResult> {
    const started = performance.now();
    const push = run.push;
    let status: RunResult['status'] = 'ok';
    let warning: Output | null = null;
    try {
      if (req.language === 'sql' && isExpectationCell(req.code)) {
        // Its several statements stop on Interrupt like a SQL cell's, instead of the host restarting the session.
        const written = await this.engine.stoppable(run.abort.signal, () =>
          runExpectationCell(this.quality(), req.code, req.name || undefined, push),
        );
        for (const n of written) this.named.set(n, { writtenAt: executionCount, loadedAt: -1 });
      } else if (req.language === 'sql') {
        if (req.name !== undefined && req.name !== '' && !isPlainIdentifier(req.name)) {
          throw new SqlError(`"${req.name}" cannot name a result: use letters, digits and _ and start with a letter.`);
        }
        const resolved = await this.resolveShared(req.code);
        const result = await this.engine
          .execute(resolved.sql, { name: req.name || undefined, signal: run.abort.signal })
          .catch(async (e) => {
            // A shared file damaged inside a data page fails only here, where DuckDB names its cache path.
            const damaged = await this.shared.damagedData(e);
            throw damaged ?? (e instanceof SqlError ? sqlErrorInCell(e, req.code, resolved.edits, this.shared.spellings) : e);
          });
        if (req.name) this.named.set(req.name, { writtenAt: executionCount, loadedAt: -1 });
        push(tableOutput(result));
        if (result.note) push(noteOutput(result.note));
      } else {
        // The check runs beside the cell (on the checker's thread) and never stops it from running.
        // A headless run has no editor to show squiggles and must write the same report every time,
        // so it neither checks nor waits (SILT_TYPE_WARNINGS=0, set by headlessSessionMain).
        const warn = process.env.SILT_TYPE_WARNINGS !== '0';
        const checkWait = this.types.warmed ? TYPE_CHECK_WAIT_MS : 0;
        // A run without a cell id (a script driving the session) is a cell of its own.
        const cellId = req.cellId ?? `run:${req.runId}`;
        // The analyst waits for this run: its check goes before the editors' queued ones.
        const before = this.types.ranBefore(cellId);
        const check = warn ? this.types.diagnostics(before, req.code, undefined, { forRun: true }).catch(() => []) : Promise.resolve([]);
        this.types.remember(cellId, req.code);
        const r = await this.realm.run(req.code, {
          onStream: (name, text) => push({ kind: 'stream', name, text }),
          prepare: (ids) => this.loadNamedResults(ids),
        });
        if ('error' in r) {
          status = 'error';
          push(r.error);
        } else {
          await Promise.allSettled(run.displays.splice(0));
          const shown = await displayValue(r.value, (c, rows) => this.engine.storeRows(c, rows).then(tableOutput));
          if (shown) push(shown);
        }
        warning = typeWarning(await within(check, checkWait), !('error' in r));
      }
    } catch (e) {
      status = 'error';
      const err = e as SqlError;
      // SQL errors keep DuckDB's own kind ("Catalog Error"); other failures (a shared table that
      // cannot be read) are headed by what kind of failure it is, not by a class name.
      // A generic code still heads an error whose name is only its class (a server's 400 for a version
      // that does not exist is a SharingError): the class name tells the analyst nothing.
      const classOnly = err.name === 'SharingError' || err.name === 'SiltError';
      const headed =
        e instanceof SiltError && !(e instanceof SqlError) && (!GENERIC.has(e.code) || classOnly) ? errorHeadline(e.code) : undefined;
      push({
        kind: 'error',
        ename: headed ?? err.kind ?? err.name ?? 'Error',
        message: err.message,
        ...(err.line ? { line: err.line } : {}),
        ...(err.at ? { column: err.at.column } : {}),
        traceback: [],
      });
    }
    if (run.interrupted && status === 'error') status = 'interrupted';
    // Its badge names the newest version, which a transaction opened before it cannot see.
    if (status === 'ok' && run.inUserLane && this.engine.lanes.transaction.state === 'open') push(noteOutput(TRANSACTION_SNAPSHOT_NOTE));
    // Type errors are shown above what the cell printed and returned: they explain what follows.
    const built = warning ? [warning, ...outputs.build()] : outputs.build();
    return { status, executionCount, elapsedMs: Math.round(performance.now() - started), outputs: built };
  }

  /**
   * Stops the user's running cell. A live re-run going beside it is left alone (it is short, and
   * stopping the long cell must not break a live tile that happened to refresh at that moment);
   * with no user cell running, Interrupt stops the live re-runs instead, so whatever is running can
   * always be stopped.
   */
  interrupt(): void {
    const lane: Lane = this.running('user') ? 'user' : 'live';
    for (const run of this.runs) {
      if (run.lane !== lane) continue;
      run.interrupted = true;
      run.abort.abort(new Error('The run was interrupted.'));
    }
    this.engine.interrupt(lane);
  }

  /** Whether a run is going in `lane`. */
  running(lane: Lane): boolean {
    return [...this.runs].some((r) => r.lane === lane);
  }

  /** A user's cell is running (live re-runs do not count: the session is not busy for the user). */
  get busy(): boolean {
    return this.running('user');
  }

  /** The notebook's folder; relative paths (AutoML exports) resolve against it. */
  workspace = '';

  /** Defines a variable of the TypeScript realm (a model trained from the UI). */
  defineGlobal(name: string, value: unknown): void {
    this.realm.define(name, value);
  }

  /** Names a result's table `name`, which TypeScript cells then see as a DataFrame. */
  async nameResult(handle: string, name: string): Promise<{ name: string }> {
    if (!isPlainIdentifier(name)) throw new SqlError(`"${name}" cannot name a result: use letters, digits and _ and start with a letter.`);
    await this.engine.rename(handle, name);
    this.named.set(name, { writtenAt: ++this.executionCount, loadedAt: -1 });
    return { name };
  }

  /** Names for completion: tables and their columns, shared tables and theirs (as far as known quickly). */
  async names(): Promise<NameInfo[]> {
    const visible = (t: string) => !t.includes('.') && !t.startsWith('changes(');
    const tables = (await this.engine.tableNames()).filter(visible);
    const local = tables.map((name) => ({ name, kind: 'table' as const, detail: this.named.has(name) ? 'SQL result' : 'table' }));
    const localColumns = (await this.engine.columnNames())
      .filter((c) => visible(c.table))
      .map((c) => ({ name: c.column, kind: 'column' as const, detail: `${c.table} · ${c.type}`, table: c.table }));
    const shared = (await this.shared.tables().catch(() => [])).map((t) => ({
      name: formatTableName(t),
      kind: 'shared-table' as const,
      detail: `shared by ${t.profile}`,
    }));
    const sharedColumns = (await this.shared.columns()).flatMap(({ table: t, columns }) =>
      Object.entries(columns).map(([name, type]) => ({
        name,
        kind: 'column' as const,
        detail: `${t.table} · ${type}`,
        table: formatTableName(t),
      })),
    );
    return [...local, ...shared, ...localColumns, ...sharedColumns];
  }

  /** A DataFrame of DuckDB columns; what its conversion had to change is told to the running cell. */
  private frame(columns: ColumnInfo[], data: Record<string, unknown[]>): unknown {
    const { df, notes } = toDataFrame(columns, data);
    const run = this.current.getStore();
    for (const note of notes) if (run && !run.ended) run.push({ kind: 'stream', name: 'stderr', text: `Note: ${note}\n` });
    return df;
  }

  /** Loads in the background what a first TypeScript cell needs, once the session is quiet. */
  warmUp(): Promise<void> {
    return warmUp({ types: this.types, idle: () => !this.busy && performance.now() - this.lastActivity > WARM_QUIET_MS });
  }

  /** The named SQL results with their columns, as TypeScript cells see them. */
  private async namedResults(): Promise<NamedResult[]> {
    if (this.named.size === 0) return [];
    const byTable = new Map<string, NamedResult>();
    for (const c of await this.engine.columnNames()) {
      if (!this.named.has(c.table)) continue;
      const r = byTable.get(c.table) ?? { name: c.table, columns: [] };
      r.columns.push({ name: c.column, type: c.type });
      byTable.set(c.table, r);
    }
    return [...byTable.values()];
  }

  /** The names of SQL results (named cells and named results), for the variables panel. */
  namedResultNames(): string[] {
    return [...this.named.keys()];
  }

  private async loadNamedResults(identifiers: Set<string>): Promise<void> {
    for (const [name, state] of this.named) {
      if (!identifiers.has(name) || state.loadedAt >= state.writtenAt) continue;
      const { columns, data } = await this.engine.readColumns(name);
      this.realm.define(name, this.frame(columns, data));
      state.loadedAt = state.writtenAt;
    }
  }

  private installGlobals(): void {
    this.realm.define('display', (value: unknown) => {
      const run = this.current.getStore();
      const shown = displayValue(value, (c, rows) => this.engine.storeRows(c, rows).then(tableOutput)).then((out) => {
        if (out && run && !run.ended) run.push(out);
      });
      run?.displays.push(shown);
      return shown;
    });
    this.realm.define('register', async (name: string, value: unknown) => {
      await registerValue(this.engine, name, value);
      this.named.delete(name);
      return name;
    });
    // Shared names read as in SQL cells; errors speak of the text as the analyst wrote it.
    const helpers = sqlHelpers({
      engine: this.engine,
      resolve: (sql) => this.resolveShared(sql),
      damaged: (e) => this.shared.damagedData(e),
      spellings: this.shared.spellings,
      signal: () => this.current.getStore()?.abort.signal,
      frame: (columns, data) => this.frame(columns, data),
    });
    this.realm.define('query', helpers.query);
    this.realm.define('sql', helpers.sql);
    this.realm.defineLazy('dfd', () => loadDanfo());
    this.realm.defineLazy('Plot', () => plotGlobal());
    this.realm.define(
      'automl',
      automlApi(
        this.engine,
        () => {
          const run = this.current.getStore();
          return run ? (label, done, total, unit) => this.emitProgress(run.runId, label, done, total, unit) : null;
        },
        () => this.current.getStore()?.abort.signal ?? null,
      ),
    );
    this.realm.define(
      'quality',
      qualityApi(() => this.quality(), this.realm),
    );
    this.realm.define(
      'sharing',
      sharingApi(
        this.shared,
        (sql) => this.realm.call('sql', sql),
        this.live,
        (off) => {
          const cell = this.current.getStore()?.cellId;
          if (cell) this.subscriptions.set(cell, [...(this.subscriptions.get(cell) ?? []), off]);
        },
        () => this.current.getStore()?.abort.signal,
      ),
    );
  }
}

function tableOutput(r: SqlResult): TableOutput {
  return { kind: 'table', handle: r.handle, rowCount: r.rowCount, columns: r.columns, rows: r.firstPage };
}
