/**
 * What the host does for each request it answers itself. A typed table rather than a switch: adding
 * a request to `HostRequests` without a handler here fails the type check, and each handler's params
 * and result are those the protocol declares, with no casts.
 */
import { PROTOCOL_VERSION } from '../protocol';
import type { HostRequestType, Params, Result, RunResult, SessionRequestType } from '../protocol';
import { SiltError } from '../../common/SiltError';
import { exportReport } from '../report/exportReport';
import { atomicWrite } from '../fs/atomicWrite';
import { networkSettingsFileText, networkSettingsView } from '../net/networkSettings';
import { parsePageSize } from '../report/reportOptions';
import { emptyStorage, setStorageSettings, storageView } from '../sharing/client/storageSettings';
import type { HostContext } from './HostContext';
import { addProfile, removeProfile } from './profileRequests';
import { SessionExitedError } from './SessionProcess';
import type { Listener } from './SessionRegistry';

/** `listener` is the connection's: a session it opens sends its events there. */
export type HostHandler<K extends HostRequestType | SessionRequestType> = (
  ctx: HostContext,
  params: Params<K>,
  listener: Listener,
) => Promise<Result<K>>;

export const hostHandlers: { [K in HostRequestType]: HostHandler<K> } = {
  hello: async (ctx, p) => {
    if (p.protocolVersion !== PROTOCOL_VERSION) {
      const mismatch = `This window speaks protocol ${p.protocolVersion} but the kernel speaks ${PROTOCOL_VERSION}`;
      throw new SiltError('protocol-version', `${mismatch}; reload the window.`);
    }
    return { protocolVersion: PROTOCOL_VERSION, version: ctx.version, workspace: ctx.store.workspace };
  },
  'session.open': async (ctx, p, listener) => ({ sessionId: ctx.sessions.open(p.key, listener, p.resume) }),
  'session.close': (ctx, p, listener) => ctx.sessions.close(p.sessionId, listener),
  'session.restart': async (ctx, p) => {
    await ctx.sessions.get(p.sessionId).restart();
    return { sessionId: p.sessionId };
  },
  'session.interrupt': (ctx, p) => ctx.sessions.get(p.sessionId).interrupt(),
  execute,
  'notebook.new': async (ctx) => ({ path: null, notebook: ctx.store.newNotebook() }),
  'notebook.open': async (ctx, p) => ctx.store.open(p.path),
  'notebook.save': async (ctx, p) => ctx.store.save(p.path, p.notebook),
  'notebook.autosave': async (ctx, p) => ctx.store.autosave(p.key, p.notebook),
  'notebook.discardRecovery': async (ctx, p) => {
    ctx.store.discardRecovery(p.key);
    return { ok: true };
  },
  // An untitled notebook open in a window keeps its copy current; only the others are offered back.
  'notebook.recoveries': async (ctx) => ({ recoveries: ctx.store.untitledRecoveries().filter((r) => !ctx.sessions.attached(r.key)) }),
  'notebook.openRecovery': async (ctx, p) => {
    const copy = ctx.store.readRecovery(p.key);
    if (!copy) throw new SiltError('not-found', 'There is no recovery copy of this notebook any more.');
    return copy;
  },
  'files.list': async (ctx, p) => ctx.store.list(p.dir),
  'files.mkdir': async (ctx, p) => ctx.store.mkdir(p.dir, p.name),
  'files.recent': async (ctx) => ({ paths: ctx.store.recent() }),
  'files.clearRecent': async (ctx) => ({ paths: ctx.store.clearRecent() }),
  'files.forgetRecent': async (ctx, p) => ({ paths: ctx.store.forgetRecent(p.path) }),
  'settings.network': async () => networkSettingsView(settingsFile()),
  'settings.setNetwork': async (_ctx, p) => {
    const file = settingsFile();
    atomicWrite(file, networkSettingsFileText(file, p), 0o600); // it may hold a proxy's password
    return networkSettingsView(file);
  },
  'settings.storage': () => storageView(),
  'settings.setStorage': (_ctx, p) => setStorageSettings(p.cacheMax),
  'storage.emptyCache': () => emptyStorage(),
  'report.export': async (ctx, p) => {
    const { notebook, format, path, hideCode, title, author, pageSize } = p;
    const paper = pageSize === undefined ? undefined : parsePageSize(pageSize);
    return exportReport(notebook, { format, path: ctx.store.resolve(path), hideCode, title, author, pageSize: paper });
  },
};

/** Set by `silt serve` (kernel/cli/serveCommand.ts) for the host and its sessions. */
function settingsFile(): string {
  const file = process.env.SILT_SETTINGS_FILE;
  if (!file) throw new SiltError('unavailable', 'This kernel was started without a settings file (SILT_SETTINGS_FILE).');
  return file;
}

/**
 * Session requests the host answers itself rather than forwarding: a profile is added or removed in
 * every session, and saved by the host, not by the one session that asked.
 */
export const hostAnsweredSessionRequests: { [K in SessionRequestType]?: HostHandler<K> } = {
  'catalog.addProfile': (ctx, p) => addProfile(ctx.profiles, ctx.sessions, p),
  'catalog.removeProfile': (ctx, p) => removeProfile(ctx.profiles, ctx.sessions, p),
};

async function execute(ctx: HostContext, p: Params<'execute'>): Promise<RunResult> {
  const started = Date.now();
  try {
    const { sessionId, ...run } = p;
    return await ctx.sessions.get(sessionId).call('execute', run);
  } catch (e) {
    if (!(e instanceof SessionExitedError)) throw e;
    // The process ended under the cell (interrupt by restart, a crash, kill -9): the cell says so.
    const restarted = e.stopped;
    return {
      status: restarted ? 'interrupted' : 'error',
      executionCount: 0,
      elapsedMs: Date.now() - started,
      outputs: [{ kind: 'error', ename: restarted ? 'Interrupted' : 'SessionDied', message: e.message, traceback: [] }],
    };
  }
}
