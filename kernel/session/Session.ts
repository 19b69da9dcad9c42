/**
 * One notebook's runtime: SQL cells on DuckDB, TypeScript cells in the realm, results as pageable
 * handles, and the bridge between them (a named SQL result is a DataFrame in TypeScript; a DataFrame
 * or array of records can be registered as a table for SQL).
 */
import type { CodeLanguage, NameInfo, Output, RunResult, TableOutput } from '../protocol';
import { RunOutputs } from './RunOutputs';
import { StreamBatcher } from './StreamBatcher';
import { DuckEngine, type SqlResult } from '../engine/DuckEngine';
import { SqlError } from '../engine/SqlError';
import { SiltError } from '../../common/SiltError';
import { errorHeadline } from '../../common/errorHeadline';
import type { ErrorCode } from '../../common/errorCode';
import { asTable, displayValue } from './displayValue';
import { dataFrameRecords, loadDanfo, toDataFrame } from './toDataFrame';
import { TsRealm } from './TsRealm';
import { SharedTables } from './sharing/SharedTables';
import { sharingApi } from './sharing/sharingApi';
import { automlApi } from './automlApi';
import { plotGlobal } from '../charts/plotGlobal';
import { LiveTables } from './live/LiveTables';
import { formatTableName } from '../../common/tableName';
import type { Notify } from './Notify';

/** Codes whose headline would say less than the error's own name (a bad reference in a cell's SQL). */
const GENERIC = new Set<ErrorCode>(['bad-request', 'internal']);

export interface ExecuteRequest {
  runId: string;
  /** The cell being run; subscriptions a cell made end when it runs again. */
  cellId?: string;
  language: CodeLanguage;
  code: string;
  name?: string;
}

type Emit = (runId: string, output: Output) => void;
type EmitProgress = (runId: string, label: string, done: number, total: number | null) => void;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class Session {
  private executionCount = 0;
  /** Named SQL results and the run that last wrote each, so TS loads a fresh copy only when needed. */
  private named = new Map<string, { writtenAt: number; loadedAt: number }>();
  private activeRun: string | null = null;
  /** Adds an output to the running cell; display() and console output go through it. */
  private push: ((o: Output) => void) | null = null;
  /** display() calls the cell did not await; the run ends only after they are shown. */
  private displays: Promise<void>[] = [];
  private interrupted = false;

  /** `sharing.subscribe` calls by cell: re-running a cell replaces its subscriptions instead of adding more. */
  private subscriptions = new Map<string, (() => void)[]>();
  private activeCell: string | null = null;
  /** Cancels the running cell's downloads on interrupt. */
  private abort: AbortController | null = null;
  readonly shared: SharedTables;
  /** Shared tables kept current by polling; SQL naming one reads its local copy. */
  readonly live: LiveTables;

  private constructor(
    readonly engine: DuckEngine,
    private readonly realm: TsRealm,
    private readonly emit: Emit,
    private readonly emitProgress: EmitProgress,
    readonly notify: Notify,
  ) {
    this.shared = new SharedTables(engine.connection);
    this.live = new LiveTables(this.shared, engine.connection, notify);
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
  private resolveShared(sql: string): Promise<string> {
    const runId = this.activeRun;
    return this.shared.resolve(sql, {
      signal: this.abort?.signal,
      onProgress: (label, p) => runId && this.emitProgress(runId, `Downloading ${label}`, p.bytesDone, p.bytes),
    });
  }

  async execute(req: ExecuteRequest): Promise<RunResult> {
    const executionCount = ++this.executionCount;
    const started = performance.now();
    const outputs = new RunOutputs();
    const events = new StreamBatcher((o) => this.emit(req.runId, o));
    const push = (o: Output) => {
      outputs.push(o);
      events.push(o);
    };
    // A live table's increment is never applied half-way through a run's statements.
    const releaseLive = await this.live.lock.acquire();
    this.activeRun = req.runId;
    this.activeCell = req.cellId ?? null;
    if (req.cellId) for (const off of this.subscriptions.get(req.cellId)?.splice(0) ?? []) off();
    this.abort = new AbortController();
    this.push = push;
    this.interrupted = false;
    let status: RunResult['status'] = 'ok';
    try {
      if (req.language === 'sql') {
        if (req.name !== undefined && req.name !== '' && !NAME_RE.test(req.name)) {
          throw new SqlError(`"${req.name}" cannot name a result: use letters, digits and _ and start with a letter.`);
        }
        const result = await this.engine.execute(await this.resolveShared(req.code), { name: req.name || undefined });
        if (req.name) this.named.set(req.name, { writtenAt: executionCount, loadedAt: -1 });
        push(tableOutput(result));
      } else {
        const r = await this.realm.run(req.code, {
          onStream: (name, text) => push({ kind: 'stream', name, text }),
          prepare: (ids) => this.loadNamedResults(ids),
        });
        if ('error' in r) {
          status = 'error';
          push(r.error);
        } else {
          await Promise.allSettled(this.displays.splice(0));
          const shown = await displayValue(r.value, (c, rows) => this.engine.storeRows(c, rows).then(tableOutput));
          if (shown) push(shown);
        }
      }
    } catch (e) {
      status = 'error';
      const err = e as SqlError;
      // SQL errors keep DuckDB's own kind ("Catalog Error"); other failures (a shared table that
      // cannot be read) are headed by what kind of failure it is, not by a class name.
      const headed = e instanceof SiltError && !(e instanceof SqlError) && !GENERIC.has(e.code) ? errorHeadline(e.code) : undefined;
      push({
        kind: 'error',
        ename: headed ?? err.kind ?? err.name ?? 'Error',
        message: err.message,
        ...(err.line ? { line: err.line } : {}),
        traceback: [],
      });
    } finally {
      this.activeRun = null;
      this.activeCell = null;
      this.push = null;
      events.flush();
      releaseLive();
    }
    if (this.interrupted && status === 'error') status = 'interrupted';
    return { status, executionCount, elapsedMs: Math.round(performance.now() - started), outputs: outputs.build() };
  }

  interrupt(): void {
    this.interrupted = true;
    this.abort?.abort(new Error('The run was interrupted.'));
    this.engine.interrupt();
  }

  get busy(): boolean {
    return this.activeRun !== null;
  }

  /** The notebook's folder; relative paths (AutoML exports) resolve against it. */
  workspace = '';

  /** Defines a variable of the TypeScript realm (a model trained from the UI). */
  defineGlobal(name: string, value: unknown): void {
    this.realm.define(name, value);
  }

  /** Names a result's table `name`, which TypeScript cells then see as a DataFrame. */
  async nameResult(handle: string, name: string): Promise<{ name: string }> {
    if (!NAME_RE.test(name)) throw new SqlError(`"${name}" cannot name a result: use letters, digits and _ and start with a letter.`);
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

  /** The names of SQL results (named cells and named results), for the variables panel. */
  namedResults(): string[] {
    return [...this.named.keys()];
  }

  private async loadNamedResults(identifiers: Set<string>): Promise<void> {
    for (const [name, state] of this.named) {
      if (!identifiers.has(name) || state.loadedAt >= state.writtenAt) continue;
      const { columns, data } = await this.engine.readColumns(name);
      this.realm.define(name, toDataFrame(columns, data));
      state.loadedAt = state.writtenAt;
    }
  }

  private installGlobals(): void {
    this.realm.define('display', (value: unknown) => {
      const push = this.push;
      const shown = displayValue(value, (c, rows) => this.engine.storeRows(c, rows).then(tableOutput)).then((out) => {
        if (out && push) push(out);
      });
      this.displays.push(shown);
      return shown;
    });
    this.realm.define('register', async (name: string, value: unknown) => {
      if (!NAME_RE.test(name)) throw new Error(`register: "${name}" is not a valid table name`);
      const v = value as { columns?: unknown; values?: unknown };
      if (Array.isArray(v?.columns) && Array.isArray(v?.values)) {
        await this.engine.registerObjects(name, dataFrameRecords(v as { columns: string[]; values: unknown[][] }));
      } else if (Array.isArray(value)) {
        await this.engine.registerObjects(name, value as Record<string, unknown>[]);
      } else if (asTable(value)) {
        const t = asTable(value)!;
        await this.engine.registerObjects(
          name,
          t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]]))),
        );
      } else {
        throw new Error('register: pass a DataFrame, an Arrow table or an array of objects');
      }
      this.named.delete(name);
      return name;
    });
    this.realm.define('query', (sql: string) => this.engine.query(sql));
    this.realm.define('sql', async (strings: TemplateStringsArray | string, ...values: unknown[]) => {
      const text =
        typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
      const table = `__silt_sql_${Date.now()}`;
      await this.engine.execute(await this.resolveShared(text), { name: table });
      try {
        const { columns, data } = await this.engine.readColumns(table);
        return toDataFrame(columns, data);
      } finally {
        await this.engine.forget(table);
      }
    });
    this.realm.defineLazy('dfd', () => loadDanfo());
    this.realm.defineLazy('Plot', () => plotGlobal());
    this.realm.define(
      'automl',
      automlApi(
        this.engine,
        () => {
          const runId = this.activeRun;
          return runId ? (label, done, total) => this.emitProgress(runId, label, done, total) : null;
        },
        () => this.abort?.signal ?? null,
      ),
    );
    this.realm.define(
      'sharing',
      sharingApi(
        this.shared,
        (sql) => this.realm.call('sql', sql),
        this.live,
        (off) => {
          const cell = this.activeCell;
          if (cell) this.subscriptions.set(cell, [...(this.subscriptions.get(cell) ?? []), off]);
        },
      ),
    );
  }
}

function tableOutput(r: SqlResult): TableOutput {
  return { kind: 'table', handle: r.handle, rowCount: r.rowCount, columns: r.columns, rows: r.firstPage };
}
