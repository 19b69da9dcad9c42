/**
 * What the host does for each protocol request. Transport-free: the WebSocket server and the
 * in-process client both call it.
 */
import { isSessionRequest, PROTOCOL_VERSION, type Params, type RequestType, type Result, type RunResult } from '../protocol';
import { SiltError } from '../../common/SiltError';
import { SessionExitedError } from './SessionProcess';
import { exportReport } from '../report/exportReport';
import { parsePageSize } from '../report/reportOptions';
import type { NotebookStore } from './NotebookStore';
import { addProfile, removeProfile } from './profileRequests';
import type { ProfileStore } from './ProfileStore';
import type { Listener, SessionRegistry } from './SessionRegistry';

export interface HostContext {
  sessions: SessionRegistry;
  store: NotebookStore;
  profiles: ProfileStore;
  version: string;
}

export async function handleRequest<T extends RequestType>(ctx: HostContext, type: T, params: Params<T>, listener: Listener): Promise<Result<T>> {
  const p = params as unknown;
  if (type === 'catalog.addProfile') return (await addProfile(ctx.profiles, ctx.sessions, p as Params<'catalog.addProfile'>)) as Result<T>;
  if (type === 'catalog.removeProfile') return (await removeProfile(ctx.profiles, ctx.sessions, p as Params<'catalog.removeProfile'>)) as Result<T>;
  if (isSessionRequest(type)) {
    const { sessionId, ...rest } = p as { sessionId: string };
    return (await ctx.sessions.get(sessionId).call(type, rest as never)) as Result<T>;
  }
  switch (type) {
    case 'hello': {
      const v = (p as { protocolVersion: number }).protocolVersion;
      if (v !== PROTOCOL_VERSION) {
        throw new SiltError('protocol-version', `This window speaks protocol ${v} but the kernel speaks ${PROTOCOL_VERSION}; reload the window.`);
      }
      return { protocolVersion: PROTOCOL_VERSION, version: ctx.version, workspace: ctx.store.workspace } as Result<T>;
    }
    case 'session.open': {
      const { key, resume } = p as Params<'session.open'>;
      return { sessionId: ctx.sessions.open(key, listener, resume) } as Result<T>;
    }
    case 'session.close':
      return (await ctx.sessions.close((p as { sessionId: string }).sessionId, listener)) as Result<T>;
    case 'session.restart': {
      const { sessionId } = p as { sessionId: string };
      await ctx.sessions.get(sessionId).restart();
      return { sessionId } as Result<T>;
    }
    case 'session.interrupt':
      return (await ctx.sessions.get((p as { sessionId: string }).sessionId).interrupt()) as Result<T>;
    case 'execute': {
      const q = p as Params<'execute'>;
      const started = Date.now();
      try {
        return (await ctx.sessions.get(q.sessionId).call('execute', { runId: q.runId, cellId: q.cellId, language: q.language, code: q.code, name: q.name })) as Result<T>;
      } catch (e) {
        if (!(e instanceof SessionExitedError)) throw e;
        // The process ended under the cell (interrupt by restart, a crash, kill -9): the cell says so.
        const restarted = e.stopped;
        const result: RunResult = {
          status: restarted ? 'interrupted' : 'error',
          executionCount: 0,
          elapsedMs: Date.now() - started,
          outputs: [{ kind: 'error', ename: restarted ? 'Interrupted' : 'SessionDied', message: e.message, traceback: [] }],
        };
        return result as Result<T>;
      }
    }
    case 'notebook.new':
      return { path: null, notebook: ctx.store.newNotebook() } as Result<T>;
    case 'notebook.open':
      return ctx.store.open((p as { path: string }).path) as Result<T>;
    case 'notebook.save': {
      const q = p as Params<'notebook.save'>;
      return ctx.store.save(q.path, q.notebook) as Result<T>;
    }
    case 'notebook.autosave': {
      const q = p as Params<'notebook.autosave'>;
      return ctx.store.autosave(q.key, q.notebook) as Result<T>;
    }
    case 'notebook.discardRecovery':
      ctx.store.discardRecovery((p as { key: string }).key);
      return { ok: true } as Result<T>;
    case 'files.list':
      return ctx.store.list((p as { dir?: string }).dir) as Result<T>;
    case 'files.recent':
      return { paths: ctx.store.recent() } as Result<T>;
    case 'report.export': {
      const { notebook, format, path, hideCode, title, author, pageSize } = p as Params<'report.export'>;
      const paper = pageSize === undefined ? undefined : parsePageSize(pageSize);
      return (await exportReport(notebook, { format, path: ctx.store.resolve(path), hideCode, title, author, pageSize: paper })) as Result<T>;
    }
    default:
      throw new SiltError('bad-request', `unknown request ${String(type)}`);
  }
}
