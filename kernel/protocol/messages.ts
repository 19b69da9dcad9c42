/**
 * The notebook protocol between the renderer and the kernel host: closed unions with ids, a
 * request → result type map, cancel by run id. JSON over a WebSocket in the app; in-process in tests.
 */
import type { CatalogRequests } from './catalog';
import type { ReportRequests } from './report';
import type { LiveNotice, LiveRequests } from './live';
import type { AutomlNotice, AutomlRequests } from './automl';
import type { DataExportRequests, ExportNotice } from './dataExport';
import type { ChartRequests } from './charts';
import type { ErrorCode } from '../../common/errorCode';
import type { CellValue, CodeLanguage, ColumnInfo, NotebookModel, Output } from './notebook';

/**
 * Requests and the result each one answers with: those the host answers itself, and those it
 * forwards to the notebook's session process (every one of which names its `sessionId`).
 */
export interface RequestMap extends HostRequests, SessionRequests {}

/**
 * Requests a session answers. The host forwards them as they are, minus `sessionId`; a feature adds
 * its requests by extending this from its own file (see catalog.ts), with their shapes in validate.ts.
 */
export interface SessionRequests extends CatalogRequests, LiveRequests, AutomlRequests, ChartRequests, DataExportRequests {
  /** A page of a table result the session still holds. */
  'result.page': {
    params: { sessionId: string; handle: string; offset: number; limit: number };
    result: { rows: CellValue[][]; offset: number };
  };
  /** Names the session knows (variables, tables, shared tables) for completion. */
  'session.names': { params: { sessionId: string }; result: { names: NameInfo[] } };
  /**
   * Gives a result a name, as if its SQL cell had been named before it ran: a table for SQL and a
   * DataFrame in TypeScript (so code written against the result survives a restart and Run all).
   */
  'result.name': { params: { sessionId: string; handle: string; name: string }; result: { name: string } };
}

export type SessionRequestType = keyof SessionRequests;

/** Requests the host answers itself. */
export interface HostRequests extends ReportRequests {
  /** First message on a connection; the host refuses other protocol versions. */
  hello: { params: { protocolVersion: number }; result: { protocolVersion: number; version: string; workspace: string } };
  /**
   * Start (or attach to) the session of a notebook. `key` identifies the document (its path or an untitled id).
   * `resume` names the session this window had before a reconnect: if it has ended, the answer is `session-gone`
   * saying why, rather than a silent new session without its variables.
   */
  'session.open': { params: { key: string; resume?: string }; result: { sessionId: string } };
  /**
   * This window is done with the session (its notebook was closed or replaced). The process ends once no
   * window uses it; `closed` is false while another window still does.
   */
  'session.close': { params: { sessionId: string }; result: { closed: boolean } };
  'session.restart': { params: { sessionId: string }; result: { sessionId: string } };
  /** Stop whatever runs in the session. Answers once it stopped; `restarted` when that took a restart. */
  'session.interrupt': { params: { sessionId: string }; result: { restarted: boolean } };
  /** Run one cell. Progress arrives as `run.*` events carrying `runId`; the result says how it ended. */
  execute: {
    params: { sessionId: string; runId: string; cellId: string; language: CodeLanguage; code: string; name?: string };
    result: RunResult;
  };
  'notebook.new': { params: Record<string, never>; result: { path: null; notebook: NotebookModel } };
  'notebook.open': { params: { path: string }; result: OpenedNotebook };
  /** Write atomically (temp file + rename). */
  'notebook.save': { params: { path: string; notebook: NotebookModel }; result: { path: string; savedAt: number } };
  /** Keep a recovery copy of unsaved edits; `key` as in session.open. */
  'notebook.autosave': { params: { key: string; notebook: NotebookModel }; result: { savedAt: number } };
  'notebook.discardRecovery': { params: { key: string }; result: { ok: true } };
  'files.list': { params: { dir?: string }; result: { dir: string; entries: FileEntry[] } };
  'files.recent': { params: Record<string, never>; result: { paths: string[] } };
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
  | { kind: 'event'; type: 'run.progress'; sessionId: string; runId: string; label: string; done: number; total: number | null }
  | { kind: 'event'; type: 'session.status'; sessionId: string; status: SessionStatus; message?: string }
  | SessionNotice;

/**
 * Events a session raises on its own (not as part of a run's outputs). The session sends them without
 * `kind` and `sessionId`; the host adds both. A feature adds its events to this union.
 */
export type SessionNotice = { kind: 'event'; type: 'session.notice'; sessionId: string; level: 'info' | 'warning'; message: string } | LiveNotice | AutomlNotice | ExportNotice;

/** A notice as the session process sends it (each member of the union without `kind` and `sessionId`). */
export type SessionNoticeBody = WithoutRouting<SessionNotice>;
type WithoutRouting<E> = E extends unknown ? Omit<E, 'kind' | 'sessionId'> : never;

export type SessionStatus = 'starting' | 'idle' | 'busy' | 'restarting' | 'dead';

export type ServerMessage = ResponseMessage | EventMessage;

export type { CellValue, ColumnInfo };
export type { CatalogProfile, CatalogTable } from './catalog';
export type { ReportFormat } from './report';
