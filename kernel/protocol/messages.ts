/**
 * The notebook protocol between the renderer and the kernel host: closed unions with ids, a
 * request → result type map, cancel by run id. JSON over a WebSocket in the app; in-process in tests.
 */
import * as s from '../../common/schema';
import { notebookModel } from './checkNotebook';
import type { CatalogRequests } from './catalog';
import type { SettingsRequests } from './settings';
import type { StorageRequests } from './storage';
import type { QualityNotice, QualityRequests } from './quality';
import type { CatalogPreviewRequests } from './catalogPreview';
import type { ReportRequests } from './report';
import type { LiveNotice, LiveRequests } from './live';
import type { AutomlNotice, AutomlRequests } from './automl';
import type { DataExportRequests, ExportNotice } from './dataExport';
import type { ChartRequests } from './charts';
import type { TypescriptRequests } from './typescript';
import type { VariablesRequests } from './variables';
import type { ResultNotice, ResultRequests } from './results';
import type { ErrorCode } from '../../common/errorCode';
import { CODE_LANGUAGES, type CellValue, type ColumnInfo, type NotebookModel, type Output } from './notebook';

/** What a run's progress counts: bytes downloaded, seconds of a time budget, or steps (series, files). */
export type ProgressUnit = 'bytes' | 'seconds' | 'steps';

/** The most rows one `result.page` may ask for: the grid asks for 200 at a time. */
const MAX_PAGE_ROWS = 10_000;

/**
 * The params of the session requests that belong to no feature, checked at run time; their types
 * below are inferred from these. Each feature declares its own beside its requests (see catalog.ts).
 */
export const CORE_SESSION_PARAMS = {
  'result.page': s.refine(
    s.object({ sessionId: s.string(), handle: s.string(), offset: s.number(), limit: s.number() }),
    (p) => p.offset >= 0 && p.limit >= 0 && p.limit <= MAX_PAGE_ROWS,
    `offset must be ≥ 0 and limit between 0 and ${MAX_PAGE_ROWS}`,
  ),
  'session.names': s.object({ sessionId: s.string() }),
  'result.name': s.object({ sessionId: s.string(), handle: s.string(), name: s.string() }),
};

/** The same for the requests the host answers itself. */
export const CORE_HOST_PARAMS = {
  hello: s.object({ protocolVersion: s.number() }),
  'session.open': s.object({ key: s.string(), resume: s.optional(s.string()) }),
  'session.close': s.object({ sessionId: s.string() }),
  'session.restart': s.object({ sessionId: s.string() }),
  'session.interrupt': s.object({ sessionId: s.string() }),
  execute: s.object({
    sessionId: s.string(),
    runId: s.string(),
    cellId: s.string(),
    language: s.oneOf(CODE_LANGUAGES),
    code: s.string(),
    name: s.optional(s.string()),
    /** `live`: a live re-run beside the user's running cell, on a connection of its own (not "busy"). */
    lane: s.optional(s.oneOf(['user', 'live'] as const)),
  }),
  'notebook.new': s.object({}),
  'notebook.open': s.object({ path: s.string() }),
  'notebook.save': s.object({ path: s.string(), notebook: notebookModel }),
  'notebook.autosave': s.object({ key: s.string(), notebook: notebookModel }),
  'notebook.discardRecovery': s.object({ key: s.string() }),
  'notebook.recoveries': s.object({}),
  'notebook.openRecovery': s.object({ key: s.string() }),
  'files.list': s.object({ dir: s.optional(s.string()) }),
  'files.mkdir': s.object({ dir: s.string(), name: s.string() }),
  'files.recent': s.object({}),
  'files.clearRecent': s.object({}),
  'files.forgetRecent': s.object({ path: s.string() }),
};

type SessionIn<K extends keyof typeof CORE_SESSION_PARAMS> = s.Infer<(typeof CORE_SESSION_PARAMS)[K]>;
type HostIn<K extends keyof typeof CORE_HOST_PARAMS> = s.Infer<(typeof CORE_HOST_PARAMS)[K]>;

/**
 * Requests and the result each one answers with: those the host answers itself, and those it
 * forwards to the notebook's session process (every one of which names its `sessionId`).
 */
export interface RequestMap extends HostRequests, SessionRequests {}

/**
 * Requests a session answers. The host forwards them as they are, minus `sessionId`; a feature adds
 * its requests by extending this from its own file (see catalog.ts), with their params' schemas there.
 */
export interface SessionRequests
  extends
    CatalogRequests,
    CatalogPreviewRequests,
    LiveRequests,
    AutomlRequests,
    ChartRequests,
    DataExportRequests,
    TypescriptRequests,
    VariablesRequests,
    ResultRequests,
    QualityRequests {
  /** A page of a table result the session still holds. */
  'result.page': {
    params: SessionIn<'result.page'>;
    result: { rows: CellValue[][]; offset: number };
  };
  /** Names the session knows (variables, tables, shared tables) for completion. */
  'session.names': { params: SessionIn<'session.names'>; result: { names: NameInfo[] } };
  /**
   * Gives a result a name, as if its SQL cell had been named before it ran: a table for SQL and a
   * DataFrame in TypeScript (so code written against the result survives a restart and Run all).
   */
  'result.name': { params: SessionIn<'result.name'>; result: { name: string } };
}

export type SessionRequestType = keyof SessionRequests;

/** Requests the host answers itself. */
export interface HostRequests extends ReportRequests, SettingsRequests, StorageRequests {
  /** First message on a connection; the host refuses other protocol versions. */
  hello: { params: HostIn<'hello'>; result: { protocolVersion: number; version: string; workspace: string } };
  /**
   * Start (or attach to) the session of a notebook. `key` identifies the document (its path or an untitled id).
   * `resume` names the session this window had before a reconnect: if it has ended, the answer is `session-gone`
   * saying why, rather than a silent new session without its variables.
   */
  'session.open': { params: HostIn<'session.open'>; result: { sessionId: string } };
  /**
   * This window is done with the session (its notebook was closed or replaced). The process ends once no
   * window uses it; `closed` is false while another window still does.
   */
  'session.close': { params: HostIn<'session.close'>; result: { closed: boolean } };
  'session.restart': { params: HostIn<'session.restart'>; result: { sessionId: string } };
  /** Stop whatever runs in the session. Answers once it stopped; `restarted` when that took a restart. */
  'session.interrupt': { params: HostIn<'session.interrupt'>; result: { restarted: boolean } };
  /** Run one cell. Progress arrives as `run.*` events carrying `runId`; the result says how it ended. */
  execute: {
    params: HostIn<'execute'>;
    result: RunResult;
  };
  'notebook.new': { params: HostIn<'notebook.new'>; result: { path: null; notebook: NotebookModel } };
  'notebook.open': { params: HostIn<'notebook.open'>; result: OpenedNotebook };
  /** Write atomically (temp file + rename). */
  /** `secretsHidden`: the notebook held a credential Silt knows; the file has [redacted] where it was. */
  'notebook.save': { params: HostIn<'notebook.save'>; result: { path: string; savedAt: number; secretsHidden?: true } };
  /** Keep a recovery copy of unsaved edits; `key` as in session.open. */
  'notebook.autosave': { params: HostIn<'notebook.autosave'>; result: { savedAt: number } };
  'notebook.discardRecovery': { params: HostIn<'notebook.discardRecovery'>; result: { ok: true } };
  /** Untitled notebooks whose unsaved edits were kept and that no window has open. */
  'notebook.recoveries': { params: HostIn<'notebook.recoveries'>; result: { recoveries: UntitledRecoveryInfo[] } };
  /** The recovery copy kept under `key` (an untitled id or a file's path). */
  'notebook.openRecovery': { params: HostIn<'notebook.openRecovery'>; result: { savedAt: number; notebook: NotebookModel } };
  'files.list': { params: HostIn<'files.list'>; result: { dir: string; entries: FileEntry[] } };
  /** Makes a folder `name` in `dir`, inside the workspace (Save as's New folder). */
  'files.mkdir': { params: HostIn<'files.mkdir'>; result: { path: string } };
  'files.recent': { params: HostIn<'files.recent'>; result: { paths: string[] } };
  /** Empties the recent list (the desktop menu's Open Recent → Clear). */
  'files.clearRecent': { params: HostIn<'files.clearRecent'>; result: { paths: string[] } };
  /** Takes one file off the recent list for good (Open Recent's "Remove" for a file that is gone). */
  'files.forgetRecent': { params: HostIn<'files.forgetRecent'>; result: { paths: string[] } };
}

export type HostRequestType = keyof HostRequests;

export type RequestType = keyof RequestMap;
export type Params<T extends RequestType> = RequestMap[T]['params'];
export type Result<T extends RequestType> = RequestMap[T]['result'];

export interface RunResult {
  status: 'ok' | 'error' | 'interrupted';
  executionCount: number;
  elapsedMs: number;
  outputs: Output[];
}

export interface NameInfo {
  name: string;
  kind: 'variable' | 'table' | 'shared-table' | 'column';
  detail?: string;
  /** For a column: the table it belongs to, as SQL names it (`orders`, `demo.silver.orders`). */
  table?: string;
}

export interface UntitledRecoveryInfo {
  key: string;
  savedAt: number;
  /** The first markdown heading or the first line of the first non-empty cell, for the banner. */
  title: string;
  cellCount: number;
}

export interface FileEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
}

export interface OpenedNotebook {
  path: string;
  notebook: NotebookModel;
  /** Unsaved edits recovered from an earlier crash, newer than the file on disk. */
  recovered?: NotebookModel;
}

/** A client → host message. */
export interface RequestMessage<T extends RequestType = RequestType> {
  kind: 'request';
  id: number;
  type: T;
  params: Params<T>;
}

/** A host → client answer to one request. */
export type ResponseMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: { code: ErrorCode; message: string } };

export type { ErrorCode };

/** Host → client notifications that are not answers. */
export type EventMessage =
  | { kind: 'event'; type: 'run.output'; sessionId: string; runId: string; output: Output }
  | {
      kind: 'event';
      type: 'run.progress';
      sessionId: string;
      runId: string;
      label: string;
      done: number;
      total: number | null;
      /** What `done` and `total` count; bytes when absent. */
      unit?: ProgressUnit;
    }
  | { kind: 'event'; type: 'session.status'; sessionId: string; status: SessionStatus; message?: string }
  | SessionNotice;

/**
 * Events a session raises on its own (not as part of a run's outputs). The session sends them without
 * `kind` and `sessionId`; the host adds both. A feature adds its events to this union.
 */
export type SessionNotice =
  | { kind: 'event'; type: 'session.notice'; sessionId: string; level: 'info' | 'warning'; message: string }
  | LiveNotice
  | AutomlNotice
  | ExportNotice
  | ResultNotice
  | QualityNotice;

/** A notice as the session process sends it (each member of the union without `kind` and `sessionId`). */
export type SessionNoticeBody = WithoutRouting<SessionNotice>;
type WithoutRouting<E> = E extends unknown ? Omit<E, 'kind' | 'sessionId'> : never;

export type SessionStatus = 'starting' | 'idle' | 'busy' | 'restarting' | 'dead';

export type ServerMessage = ResponseMessage | EventMessage;

export type { CellValue, ColumnInfo };
export type { CatalogProfile, CatalogTable } from './catalog';
export type { NetworkSettings, NetworkSettingsView } from './settings';
export type { EmptyCacheResult, StorageView } from './storage';
export type { CatalogPreview } from './catalogPreview';
export type { ReportFormat } from './report';
