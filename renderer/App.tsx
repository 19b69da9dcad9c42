/** The notebook window: toolbar, banners, the cells, and the dialogs. */
import { absoluteIn } from './tabs/tabPaths';
import { useFetchPage } from './outputs/useFetchPage';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NameInfo } from '../kernel/protocol/messages';
import { CellView, type CellCallbacks } from './cells/CellView';
import type { ConnectionStatus, KernelClient } from './kernel-client/KernelClient';
import { useSession } from './kernel-client/useSession';
import { Banner } from './panels/Banner';
import { CatalogPanel } from './panels/CatalogPanel';
import { OpenDialog } from './panels/OpenDialog';
import { SaveAsDialog } from './panels/SaveAsDialog';
import { ShortcutsHelp } from './panels/ShortcutsHelp';
import { moveCellTo, setSource, toggleLanguage, updateCell } from './notebook/documentModel';
import { useAutosave } from './notebook/useAutosave';
import { useCommands } from './notebook/useCommands';
import { isDirty, useDocument } from './notebook/useDocument';
import { useLeaveGuard } from './notebook/useLeaveGuard';
import { UnsavedDialog } from './panels/UnsavedDialog';
import { CommandPalette } from './commands/CommandPalette';
import { desktop } from './desktop/desktopBridge';
import { useDesktopMenu } from './desktop/useDesktopMenu';
import { panelCommands } from './commands/panelCommands';
import { commandList, type Command, type WindowCommands } from './commands/commandList';
import { useCellDrag } from './cells/useCellDrag';
import { useInsertCells } from './notebook/useInsertCells';
import { useNameResult } from './notebook/useNameResult';
import { useKeyboard } from './notebook/useKeyboard';
import { useCellFocus } from './notebook/useCellFocus';
import { NotebookContext, type NotebookActions } from './notebook/NotebookContext';
import { pathFromUrl, showInUrl, useNotebookFile } from './notebook/useNotebookFile';
import { useActiveTab } from './tabs/ActiveTab';
import { useRunner } from './notebook/useRunner';
import { applyTheme, initialTheme, type Theme } from './theme';
import { Toolbar } from './Toolbar';
import { ExportNotebookDialog } from './report/ExportNotebookDialog';
import { SettingsDialog } from './settings/SettingsDialog';
import { settingsCommand, storageSettingsCommand } from './settings/settingsCommand';
import { useExportShortcut } from './report/useExportShortcut';
import { LiveContext } from './live/LiveContext';
import { LiveStrip } from './live/LiveStrip';
import { useLive } from './live/useLive';
import { runsKey, TsRunsContext, TsServiceContext } from './cells/ts/TsService';
import { useTsService } from './cells/ts/useTsService';
import { useTrainingJobs } from './automl/useTrainingJobs';
import { FindBar } from './find/FindBar';
import { Sidebar } from './sidebar/Sidebar';

type DialogKind = 'open' | 'save-as' | 'help' | 'export' | 'palette' | 'settings' | 'storage' | null;

const CATALOG_KEY = 'silt.catalog';

declare global {
  interface Window {
    __silt: { ready: boolean };
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export interface AppProps {
  client: KernelClient;
  /** What the notebook starts as: the address bar's notebook (the first tab), a new one, or a file asked for. */
  start?: 'url' | 'new' | { path: string };
  /** Told the notebook's name, whether it has unsaved edits and its file once loaded, for its tab. */
  onInfo?(info: { title: string; dirty: boolean; path?: string | null }): void;
  /** The file asked for (`start.path`) could not be opened; without this, the error shows in the notebook. */
  onOpenFailed?(path: string, e: Error): void;
  /** Hands the tab a way to close this notebook: asks about unsaved edits first, then calls `done`. */
  registerClose?(close: (done: () => void) => void): void;
  /** Commands of the window around the notebook (new tab, close tab), for the palette and the menu. */
  windowCommands?: Command[];
  /** Open… asked for `path`: the window shows it in a tab (the one that has it, or a new one). */
  onOpenInTab?(path: string): void;
}

export function App({ client, start = 'url', onInfo, onOpenFailed, registerClose, windowCommands = [], onOpenInTab }: AppProps) {
  const active = useActiveTab();
  const docApi = useDocument();
  const { state } = docApi;
  const file = useNotebookFile(client, docApi);
  const session = useSession(client, file.sessionKey);
  const runner = useRunner(client, session, docApi);
  useAutosave(client, docApi, file.autosaveKey);
  const [connection, setConnection] = useState<ConnectionStatus>(client.status);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [problem, setProblem] = useState<string | null>(null);
  const [catalogOpen, setCatalogOpen] = useState(() => localStorage.getItem(CATALOG_KEY) === 'open');
  const dirty = isDirty(state);
  const cells = state.doc.model.cells;
  const cellsRef = useRef(cells);
  cellsRef.current = cells;

  useEffect(() => client.onStatus(setConnection), [client]);

  const report = useCallback((what: string) => (e: Error) => setProblem(`${what}: ${e.message}`), []);

  useEffect(() => {
    const asked = typeof start === 'object' ? start.path : null;
    const path = asked ?? (start === 'url' ? pathFromUrl() : null);
    (path ? file.openPath(path) : start === 'url' ? file.startUntitled() : file.newNotebook()).catch(
      asked && onOpenFailed
        ? (e: Error) => onOpenFailed(asked, e)
        : report(path ? `Could not open ${path}` : 'Could not create a notebook'),
    );
    // Only on first load.
  }, []);

  // The window's title, address and readiness are the shown notebook's.
  useEffect(() => {
    if (active) window.__silt.ready = file.loaded && session.sessionId !== null;
  }, [active, file.loaded, session.sessionId]);

  const title = file.path ? baseName(file.path) : 'Untitled';
  useEffect(() => {
    onInfo?.({ title, dirty, path: file.loaded ? file.path : undefined });
    if (active) document.title = `${title}${dirty ? ' •' : ''} — Silt`;
  }, [active, title, dirty, file.loaded, file.path]);

  useEffect(() => {
    if (active && file.loaded) showInUrl(file.path, file.untitledId);
  }, [active]);

  useEffect(() => {
    if (!state.selectedId) return;
    document.querySelector(`[data-cell-id="${CSS.escape(state.selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [state.selectedId]);

  const save = useCallback(() => {
    if (file.path) file.saveTo(file.path).catch(report('Could not save'));
    else setDialog('save-as');
  }, [file, report]);

  const { perform, canPerform, insertAt } = useCommands(docApi, {
    run: runner.run,
    save,
    help: () => setDialog((d) => (d === 'help' ? null : 'help')),
    palette: () => setDialog('palette'),
  });
  useKeyboard(perform, dialog === null && active);
  useExportShortcut(() => setDialog('export'));
  const insertCells = useInsertCells(docApi, runner.runMany);
  const insertSql = useCallback(
    (source: string, run: boolean) => insertCells(null, [{ type: 'code', language: 'sql', source }], run),
    [insertCells],
  );
  const nameResult = useNameResult(client, session.idRef, docApi);
  const notebookActions: NotebookActions = useMemo(
    () => ({ client, sessionId: () => session.idRef.current, insertCells, nameResult, report: (what, e) => report(what)(e) }),
    [client, session.idRef, insertCells, nameResult, report],
  );

  const live = useLive(client, session.sessionId, docApi, runner, notebookActions.report);

  const toggleCatalog = () =>
    setCatalogOpen((open) => {
      localStorage.setItem(CATALOG_KEY, open ? 'closed' : 'open');
      return !open;
    });

  const guard = useLeaveGuard(docApi, {
    saveInPlace: () => (file.path ? file.saveTo(file.path) : null),
    openSaveAs: () => setDialog('save-as'),
    report: (what, e) => report(what)(e),
  });
  useEffect(() => {
    registerClose?.((done) => guard.leave(done));
  }, [registerClose, guard.leave]);

  const selectedIndex = cells.findIndex((c) => c.id === state.selectedId);
  const ids = (from: number, to: number) => cells.slice(from, to).map((c) => c.id);
  /**
   * Open… (the system dialog's or the page's): in a tab, as a notebook from the OS or Open Recent is,
   * so this notebook stays as it is; a blank new notebook (no file, no edits) is replaced instead.
   */
  const openAsked = (path: string) => {
    if (onOpenInTab && (file.path || dirty)) return onOpenInTab(absoluteIn(client.workspace, path));
    guard.leave(() => file.openPath(path).catch(report(`Could not open ${path}`)));
  };
  const win: WindowCommands = {
    newNotebook: () => guard.leave(() => file.newNotebook().catch(report('Could not create a notebook'))),
    open: () => {
      // The desktop app opens a notebook anywhere on disk with the system's own dialog.
      const native = desktop()?.openDialog;
      if (!native) return setDialog('open');
      void native().then((path) => path && openAsked(path));
    },
    save,
    saveAs: () => setDialog('save-as'),
    exportNotebook: () => setDialog('export'),
    runAll: () => void runner.runMany(ids(0, cells.length)),
    runAbove: () => void runner.runMany(ids(0, Math.max(selectedIndex, 0))),
    runBelow: () => void runner.runMany(ids(Math.max(selectedIndex, 0), cells.length)),
    interrupt: () => void runner.interrupt().catch(report('Could not interrupt')),
    restart: () => void session.restart(),
    toggleTheme: () => {
      const next = theme === 'dark' ? 'light' : 'dark';
      applyTheme(next, true);
      setTheme(next);
    },
    toggleCatalog,
    help: () => setDialog('help'),
  };
  // Panels add their commands here (Find, Variables, Outline…); the palette and the help list them.
  const extraCommands = [
    ...panelCommands(() => file.path),
    ...windowCommands,
    settingsCommand(() => setDialog('settings')),
    storageSettingsCommand(() => setDialog('storage')),
  ];
  const commands = commandList(perform, canPerform, win, extraCommands);
  useDesktopMenu(commands, () => setDialog('palette'));

  const cellsBox = useRef<HTMLDivElement>(null);
  useCellFocus(cellsBox, state.selectedId, state.mode, cells, active);
  const drag = useCellDrag(cellsBox, (id, index) => docApi.edit((d) => moveCellTo(d, id, index), { id, mode: 'command' }));

  const fetchPage = useFetchPage(client, session.idRef);

  const tsService = useTsService(client, session.idRef, cellsRef);
  const training = useTrainingJobs(client, session.sessionId);
  const names = useRef<NameInfo[]>([]);
  const getNames = useCallback(() => names.current, []);
  const runningCount = Object.keys(runner.running).length;
  // Refresh completion names whenever the session settles (after runs, restarts, a new session).
  useEffect(() => {
    const sessionId = session.sessionId;
    if (!sessionId || runningCount > 0 || session.status !== 'idle') return;
    client.request('session.names', { sessionId }).then(
      (r) => (names.current = r.names),
      () => undefined,
    );
  }, [client, session.sessionId, session.status, runningCount]);

  const callbacks: CellCallbacks = useMemo(
    () => ({
      onSelect: (id, mode) => docApi.select(id, mode),
      onSource: (id, source) => docApi.edit((d) => setSource(d, id, source)),
      onName: (id, name) => docApi.edit((d) => updateCell(d, id, (c) => (c.type === 'code' ? { ...c, name: name || undefined } : c))),
      onRun: (id) => {
        docApi.select(id);
        void runner.run(id);
      },
      onToggleLanguage: (id) => docApi.edit((d) => toggleLanguage(d, id), { id }),
      onAction: (id, action) => perform(action, id),
      canPerform,
      onDragStart: drag.start,
    }),
    [docApi, runner.run, perform, canPerform, drag.start],
  );

  const goToCell = useCallback(
    (id: string) => {
      docApi.select(id, 'command');
      requestAnimationFrame(() => document.querySelector(`[data-cell-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'start' }));
    },
    [docApi],
  );

  return (
    <NotebookContext.Provider value={notebookActions}>
      <LiveContext.Provider value={live}>
        <div className="app">
          <Toolbar
            title={file.path ? baseName(file.path) : 'Untitled'}
            dirty={dirty}
            status={session.status}
            training={training}
            connection={connection}
            theme={theme}
            onNew={win.newNotebook}
            onOpen={win.open}
            onSave={save}
            onSaveAs={win.saveAs}
            onExport={win.exportNotebook}
            onRunAll={win.runAll}
            onRunAbove={win.runAbove}
            onRunBelow={win.runBelow}
            onInterrupt={win.interrupt}
            onRestart={win.restart}
            onToggleTheme={win.toggleTheme}
            onHelp={win.help}
            catalogOpen={catalogOpen}
            onToggleCatalog={toggleCatalog}
          />
          <div className="banners">
            {session.status === 'dead' && (
              <Banner
                kind="danger"
                testId="session-dead-banner"
                text={`${session.message ?? 'The session stopped.'} Your notebook and unsaved edits are safe.`}
              >
                <button className="btn btn-primary" data-testid="new-session" onClick={() => void session.startNew()}>
                  Start a new session
                </button>
              </Banner>
            )}
            {file.recovered && (
              <Banner
                kind="info"
                testId="recovery-banner"
                text={
                  file.recoveredFrom
                    ? `An untitled notebook was left with unsaved edits (${file.recoveredFrom.label}).`
                    : 'Unsaved edits from a previous session were recovered.'
                }
              >
                <button className="btn btn-primary" data-testid="restore-recovery" onClick={file.restoreRecovery}>
                  Restore
                </button>
                <button className="btn" data-testid="discard-recovery" onClick={file.discardRecovery}>
                  Discard
                </button>
              </Banner>
            )}
            {connection === 'closed' && (
              <Banner kind="warn" testId="connection-banner" text="Lost the connection to the kernel; reconnecting…" />
            )}
            {file.secretsHidden && (
              <Banner
                kind="warn"
                testId="secrets-hidden-banner"
                text="This notebook holds a credential of a loaded profile (or Silt's own token). The file was saved with [redacted] in its place, so it stays marked unsaved: remove the credential from the cell and save again."
              >
                <button className="btn" onClick={file.dismissSecretsHidden}>
                  Dismiss
                </button>
              </Banner>
            )}
            {problem && (
              <Banner kind="danger" testId="problem-banner" text={problem}>
                <button className="btn" onClick={() => setProblem(null)}>
                  Dismiss
                </button>
              </Banner>
            )}
          </div>
          <LiveStrip />
          <div className="workspace">
            {catalogOpen && <CatalogPanel client={client} sessionId={session.sessionId} onInsertSql={insertSql} />}
            <main className="notebook" onMouseDown={(e) => e.target === e.currentTarget && docApi.setMode('command')}>
              <FindBar docApi={docApi} enabled={dialog === null} />
              <div className="cells" ref={cellsBox}>
                {drag.indicator !== null && <div className="drop-indicator" data-testid="drop-indicator" style={{ top: drag.indicator }} />}
                <TsServiceContext.Provider value={tsService}>
                  <TsRunsContext.Provider value={runsKey(cells)}>
                    {cells.map((cell, index) => (
                      <CellView
                        key={cell.id}
                        cell={cell}
                        index={index}
                        selected={cell.id === state.selectedId}
                        editing={cell.id === state.selectedId && state.mode === 'edit'}
                        running={Boolean(runner.running[cell.id])}
                        progress={runner.progress[cell.id] ?? null}
                        names={getNames}
                        notice={runner.notices[cell.id] ?? null}
                        fetchPage={fetchPage}
                        {...callbacks}
                      />
                    ))}
                  </TsRunsContext.Provider>
                </TsServiceContext.Provider>
                <div className="add-cells">
                  <button className="btn btn-ghost" onClick={() => insertAt(cells.length, 'edit')}>
                    + Code
                  </button>
                  <button className="btn btn-ghost" onClick={() => insertAt(cells.length, 'edit', 'markdown')}>
                    + Markdown
                  </button>
                </div>
              </div>
            </main>
            <Sidebar
              client={client}
              sessionId={session.sessionId}
              status={session.status}
              cells={cells}
              selectedId={state.selectedId}
              running={runner.running}
              onGoTo={goToCell}
            />
          </div>
          {dialog === 'open' && (
            <OpenDialog
              client={client}
              onCancel={() => setDialog(null)}
              onOpen={(path) => {
                setDialog(null);
                openAsked(path);
              }}
            />
          )}
          {dialog === 'save-as' && (
            <SaveAsDialog
              client={client}
              currentPath={file.path}
              onCancel={() => {
                guard.saveAsCancelled();
                setDialog(null);
              }}
              onSave={(path) =>
                file.saveTo(path).then(() => {
                  setDialog(null);
                  guard.savedAs();
                })
              }
            />
          )}
          {dialog === 'help' && <ShortcutsHelp commands={commands} onClose={() => setDialog(null)} />}
          {dialog === 'palette' && <CommandPalette commands={commands} onClose={() => setDialog(null)} />}
          {guard.asking && (
            <UnsavedDialog
              name={file.path ? baseName(file.path) : 'Untitled'}
              onSave={guard.save}
              onDiscard={guard.discard}
              onCancel={guard.cancel}
            />
          )}
          {dialog === 'export' && (
            <ExportNotebookDialog client={client} notebook={state.doc.model} notebookPath={file.path} onClose={() => setDialog(null)} />
          )}
          {(dialog === 'settings' || dialog === 'storage') && (
            <SettingsDialog client={client} tab={dialog === 'settings' ? 'network' : 'storage'} onClose={() => setDialog(null)} />
          )}
        </div>
      </LiveContext.Provider>
    </NotebookContext.Provider>
  );
}
