/**
 * Messages between the kernel host and a session process (Node IPC). Internal to the kernel: the
 * renderer speaks kernel/protocol to the host, which forwards what a session must do.
 */
import type { CatalogProfile, CatalogTable, CellValue, CodeLanguage, NameInfo, Output, RunResult } from '../protocol';

export interface SessionMethods {
  execute: { params: { runId: string; language: CodeLanguage; code: string; name?: string; cellId: string }; result: RunResult };
  page: { params: { handle: string; offset: number; limit: number }; result: { rows: CellValue[][] } };
  interrupt: { params: Record<string, never>; result: { ok: true } };
  names: { params: Record<string, never>; result: { names: NameInfo[] } };
  catalogTree: { params: Record<string, never>; result: { profiles: CatalogProfile[] } };
  catalogTable: { params: { profile: string; share: string; schema: string; table: string }; result: CatalogTable };
  addProfile: { params: { source: string }; result: { name: string } };
}

export type SessionMethod = keyof SessionMethods;

export interface SessionCall<M extends SessionMethod = SessionMethod> {
  id: number;
  method: M;
  params: SessionMethods[M]['params'];
}

export type SessionReply =
  | { replyTo: number; ok: true; result: unknown }
  | { replyTo: number; ok: false; error: string };

export type SessionEvent =
  | { event: 'output'; runId: string; output: Output }
  | { event: 'progress'; runId: string; label: string; done: number; total: number | null }
  | { event: 'ready' };

export type SessionMessage = SessionReply | SessionEvent;
