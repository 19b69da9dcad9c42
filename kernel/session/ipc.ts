/**
 * Messages between the kernel host and a session process (Node IPC). Internal to the kernel: the
 * renderer speaks kernel/protocol to the host, which forwards what a session must do.
 */
import type { ErrorInfo } from '../../common/SiltError';
import type { Params, ProgressUnit, Result, RunResult, SessionNoticeBody, SessionRequestType, Output } from '../protocol';

/** Every forwarded protocol request is a method of the same name, without the `sessionId`. */
type Forwarded = { [T in SessionRequestType]: { params: Omit<Params<T>, 'sessionId'>; result: Result<T> } };

export interface SessionMethods extends Forwarded {
  /** The host's `execute` minus `sessionId` (the host wraps it: a session that dies is a cell error). */
  execute: { params: Omit<Params<'execute'>, 'sessionId'>; result: RunResult };
  interrupt: { params: Record<string, never>; result: { ok: true } };
}

export type SessionMethod = keyof SessionMethods;

export interface SessionCall<M extends SessionMethod = SessionMethod> {
  id: number;
  method: M;
  params: SessionMethods[M]['params'];
}

export type SessionReply = { replyTo: number; ok: true; result: unknown } | { replyTo: number; ok: false; error: ErrorInfo };

export type SessionEvent =
  | { event: 'output'; runId: string; output: Output }
  | { event: 'progress'; runId: string; label: string; done: number; total: number | null; unit?: ProgressUnit }
  | { event: 'notice'; notice: SessionNoticeBody }
  | { event: 'ready' }
  /** A secret the session came to know (a profile a cell loaded, an OAuth token), so the host masks it too. */
  | { event: 'secret'; secret: string };

export type SessionMessage = SessionReply | SessionEvent;
