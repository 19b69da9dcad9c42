/**
 * The globals a TypeScript cell sees, written as a declaration file for the type checker: what the
 * realm defines (TsRealm, Session.installGlobals) and each named SQL result as a DataFrame whose
 * columns are known. `dfd` and `Plot` take their types from the packages themselves; `sharing` and
 * `automl` are written here because the built kernel ships no TypeScript sources to read them from.
 * Node's own types are not a dependency of the app, so the few Node globals cells use are declared
 * loosely (`any`): a false "cannot find name" would be worse than a missing check.
 */
import { columnKind } from '../../../common/columnKind';
import { QUALITY_DECLARATIONS } from '../quality/qualityDeclarations';

export interface NamedResult {
  name: string;
  columns: { name: string; type: string }[];
}

const BASE = `
type SiltDataFrame = import('danfojs').DataFrame & {
  /** The same data as an Apache Arrow table (BIGINT as Int64, exactly). */
  readonly arrow: import('apache-arrow').Table;
  /** Each column's DuckDB type, e.g. { price: 'DECIMAL(10,2)' }. */
  readonly sqlTypes: Readonly<Record<string, string>>;
};
interface SiltConsole {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  table(data: unknown): void;
}
declare const console: SiltConsole;
/**
 * danfojs' own toJSON returns \`object | void\` (void when it downloads a file, which a cell never
 * does), so \`Plot.barY(dfd.toJSON(df), …)\` would be a false type error. Its formats are named the
 * other way round: the default, 'column', gives one record per row; 'row' one array per column.
 */
interface SiltToJSON {
  (df: import('danfojs').DataFrame, options?: { format?: 'column' }): Record<string, any>[];
  (df: import('danfojs').DataFrame, options: { format: 'row' }): Record<string, any[]>;
  (series: Omit<import('danfojs').Series, 'values'>, options?: { format?: 'row' | 'column' }): Record<string, any[]>;
}
/** danfojs: DataFrame, Series, readCSV, concat, merge, ... */
declare const dfd: Omit<typeof import('danfojs'), 'toJSON'> & { toJSON: SiltToJSON };
/** Observable Plot; \`display(Plot.plot({...}))\` draws a chart. */
declare const Plot: typeof import('@observablehq/plot');
/** Shows a DataFrame, Arrow table, array of records, chart or any value as an output of the cell. */
declare function display(value: unknown): Promise<void>;
/** Runs SQL on the notebook's DuckDB and returns the result as a DataFrame. */
declare function sql(strings: TemplateStringsArray | string, ...values: unknown[]): Promise<SiltDataFrame>;
/** Runs SQL and returns the raw rows. */
declare function query(sql: string): Promise<Record<string, unknown>[]>;
/** Makes a DataFrame, Arrow table or array of records a table that SQL cells can query. */
declare function register(name: string, value: unknown): Promise<string>;
interface SiltSharedTable { share: string; schema: string; name: string; profile: string }
interface SiltLoadOptions {
  version?: number;
  timestamp?: string | Date;
  limit?: number;
  /** A SQL condition over the table's columns, e.g. \`region = 'EU' AND amount > 10\`. */
  where?: string;
}
interface SiltChangesOptions {
  startingVersion?: number;
  endingVersion?: number;
  startingTimestamp?: string | Date;
  endingTimestamp?: string | Date;
}
/** Delta Sharing: the open profiles' tables as DataFrames, their history and their changes. */
declare const sharing: {
  /** The shared tables of every open profile. */
  tables(): Promise<SiltSharedTable[]>;
  /** A shared table (or one version of it) as a DataFrame; \`.arrow\` holds the Arrow table. */
  load(name: string, opts?: SiltLoadOptions): Promise<SiltDataFrame>;
  /** Change data feed rows (with _change_type, _commit_version, _commit_timestamp) as a DataFrame. */
  changes(name: string, opts: SiltChangesOptions): Promise<SiltDataFrame>;
  /** Calls \`cb\` with the change rows of every new version of a shared table; returns the unsubscribe function. */
  subscribe(name: string, cb: (rows: Record<string, unknown>[]) => void): () => void;
  /** Opens a profile (\`.share\` path or JSON text) for this session; returns its name. */
  addProfile(pathOrJson: string, name?: string): string;
  /** Open profiles with their endpoints and expiry warnings (never their tokens). */
  profiles(): { name: string; endpoint: string; warnings: string[] }[];
};
interface SiltAutoMLOptions {
  target: string;
  task?: 'binary' | 'multiclass' | 'regression';
  metric?: string;
  budgetSeconds?: number;
  maxTrials?: number;
  seed?: number;
  trainIndex?: number[];
  testIndex?: number[];
  workers?: number;
  signal?: AbortSignal;
  /** Columns never used; \`include\` brings back columns the leakage checks flagged. */
  exclude?: string[];
  include?: string[];
  /** Validate on the most recent rows by this date column (guessed when absent; null: shuffled). */
  timeColumn?: string | null;
  onProgress?(e: { kind: string; trial: number; elapsedSeconds: number; bestScore: number; metric: string }): void;
}
interface SiltAutoMLModel {
  predict(rows: unknown): unknown[];
  [key: string]: unknown;
}
interface SiltAutoMLRun {
  target: string;
  task: string;
  metric: string;
  leaderboard: { trial: number; family: string; score: number; trainSeconds: number; predictSeconds: number }[];
  best: { trial: number; family: string; score: number };
  validationScore: number;
  model: SiltAutoMLModel;
  /** Classes scored in validation or test rows but (nearly) absent from training, and what they cost the log loss. */
  warnings: { code: string; text: string }[];
  [key: string]: unknown;
}
interface SiltForecastOptions {
  /** The date or timestamp column; daily, weekly or monthly steps. */
  time: string;
  target: string;
  /** Columns that tell series apart (one forecast per combination), e.g. ['region']. */
  keys?: string[];
  /** Periods to forecast after each series' last observation. */
  horizon: number;
  windows?: number;
}
interface SiltForecast {
  rows: Record<string, unknown>[];
  backtest: { series: string; model: string; mae: number; smape: number; windows: number; chosen: boolean }[];
  period: 'day' | 'week' | 'month';
  ratioToNaive: number;
  notes: string[];
}
/** A baseline model search on a DataFrame, an array of records or a table name. */
declare const automl: {
  /** Forecasts the next \`horizon\` periods per series (model chosen by backtest); shown as a chart with intervals. */
  forecast(source: unknown, opts: SiltForecastOptions): Promise<SiltForecast>;
  /** Predictions with \`model_id\` and \`scored_at\`; \`reference\` adds drift, \`publish\` appends them to a published table. */
  score(
    model: unknown,
    source: unknown,
    opts?: { reference?: unknown; publish?: string; id?: string },
  ): Promise<
    Record<string, unknown>[] & {
      modelId: string;
      drift: { column: string; kind: string; psi: number; ks: number | null; level: 'stable' | 'moderate' | 'major' }[] | null;
      published: { share: string; schema: string; table: string; version: number; rows: number } | null;
    }
  >;
  /** Searches models for \`target\` within the budget; the result has the leaderboard, metrics and \`model\`. */
  fit(source: unknown, opts: SiltAutoMLOptions): Promise<SiltAutoMLRun>;
  /** A table name, DataFrame or array of records as the table the AutoML functions take. */
  table(source: unknown): Promise<unknown>;
  loadModel(json: string): SiltAutoMLModel;
  serializeModel(model: SiltAutoMLModel): string;
  /** The run as a self-contained HTML report, shown as an output. */
  report(run: SiltAutoMLRun): unknown;
};
declare function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(id: any): void;
declare function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(id: any): void;
declare function fetch(input: any, init?: any): Promise<any>;
declare function structuredClone<T>(value: T): T;
declare function require(id: string): any;
declare const process: any;
declare const Buffer: any;
declare const URL: any;
declare const TextEncoder: any;
declare const TextDecoder: any;
declare const AbortController: any;
type AbortSignal = any;
`;

/** A column's value type in a DataFrame made by `toDataFrame`, for the documentation of the result. */
function valueType(duckType: string): string {
  const kind = columnKind(duckType);
  if (kind === 'integer' && /^(U?BIGINT|U?HUGEINT|INT64|UINT64|INT128|BIGNUM|VARINT)$/i.test(duckType)) {
    return 'number; exact strings if a value is beyond ±2^53';
  }
  if (kind === 'decimal') return 'number; shown with its scale';
  if (kind === 'integer' || kind === 'float') return 'number';
  if (kind === 'boolean') return 'boolean';
  return 'string';
}

/** The TypeScript type of one value of a column, as toDataFrame.ts gives it. */
function elementType(duckType: string): string {
  const kind = columnKind(duckType);
  if (kind === 'integer' && /^(U?BIGINT|U?HUGEINT|INT64|UINT64|INT128|BIGNUM|VARINT)$/i.test(duckType)) return 'number | string';
  if (kind === 'integer' || kind === 'float' || kind === 'decimal') return 'number';
  if (kind === 'boolean') return 'boolean';
  return 'string';
}

/**
 * Words that cannot name a declared constant. A SQL result may have such a name (`SELECT … AS
 * result "case"`), and one such declaration would break the whole file and with it every global.
 */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface let ' +
    'package private protected public static yield await'
  ).split(' '),
);

export function ambientDeclarations(named: NamedResult[]): string {
  const results = named
    .filter((r) => /^[A-Za-z_$][\w$]*$/.test(r.name) && !RESERVED.has(r.name))
    .map((r) => {
      // A column's values carry its type, so `orders.amount.values[0] * 2` is not flagged: danfojs
      // types every Series' values as any cell of any frame.
      const cols = r.columns.map(
        (c) =>
          `  /** ${c.type} (${valueType(c.type)}) */\n  readonly ${JSON.stringify(c.name)}: ` +
          `Omit<import('danfojs').Series, 'values'> & { readonly values: ${elementType(c.type)}[] };`,
      );
      return `/** The SQL result \`${r.name}\` as a DataFrame. */\ndeclare const ${r.name}: SiltDataFrame & {\n${cols.join('\n')}\n};`;
    });
  return `${BASE}${QUALITY_DECLARATIONS}\n${results.join('\n')}\n`;
}
