/**
 * The dashboard view (`?view=dashboard&path=…`, `silt serve --dashboard NOTEBOOK`): the notebook's
 * markdown, charts and tables without code, in tiles that refresh in place as live tables change.
 * It has a session of its own (key `dashboard:<path>`), so it never re-runs cells in, or takes
 * variables from, a notebook window open on the same file; it reads the file and never writes it.
 */
import { useFetchPage } from '../outputs/useFetchPage';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LiveTableInfo } from '../../kernel/protocol/live';
import type { KernelClient } from '../kernel-client/KernelClient';
import { useSession } from '../kernel-client/useSession';
import { LiveContext } from '../live/LiveContext';
import { LiveStrip } from '../live/LiveStrip';
import { useLive, type LiveEntry } from '../live/useLive';
import { useDocument } from '../notebook/useDocument';
import { pathFromUrl } from '../notebook/useNotebookFile';
import { useRunner } from '../notebook/useRunner';
import { Banner } from '../panels/Banner';
import { applyTheme, initialTheme, type Theme } from '../theme';
import { DashboardGrid } from './DashboardGrid';
import { notebookViewUrl, withoutToken } from './viewUrl';
import { useDashboardRun } from './useDashboardRun';
import './Dashboard.css';

export function DashboardApp({ client }: { client: KernelClient }) {
  const docApi = useDocument();
  const [path] = useState(pathFromUrl);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(path ? null : 'No notebook to show: open the dashboard with ?path=NOTEBOOK.');
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const session = useSession(client, loaded && path ? `dashboard:${path}` : null);
  const runner = useRunner(client, session, docApi);
  const report = useCallback((what: string, e: Error) => setProblem(`${what}: ${e.message}`), []);
  const live = useLive(client, session.sessionId, docApi, runner, report);
  const { phase, started } = useDashboardRun(client, session.sessionId, loaded, docApi, runner, report);
  const tables = useMemo(() => mergeTables(started, live.tables), [started, live.tables]);
  const name = path?.split(/[\\/]/).pop() ?? 'Dashboard';

  useEffect(() => {
    // The token is in the cookie now; keep it out of the address bar, like the notebook view does.
    history.replaceState(null, '', withoutToken(location.href));
    if (!path) return;
    client.request('notebook.open', { path }).then(
      (r) => {
        docApi.load(r.notebook);
        setLoaded(true);
      },
      (e: Error) => report(`Could not open ${path}`, e),
    );
    // Only on first load.
  }, []);

  useEffect(() => {
    document.title = `${name} — Dashboard — Silt`;
    window.__silt.ready = loaded && session.sessionId !== null;
  }, [name, loaded, session.sessionId]);

  const fetchPage = useFetchPage(client, session.idRef);

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next, true);
    setTheme(next);
  };

  return (
    <LiveContext.Provider value={live}>
      <div className="dashboard" data-testid="dashboard" data-phase={phase}>
        <header className="toolbar dash-toolbar">
          <div className="brand" title="Silt">
            <span className="brand-mark" />
            Silt
          </div>
          <span className="notebook-title" title={path ?? undefined}>
            {name}
          </span>
          <span className="dash-mode">Dashboard</span>
          <span className="dash-phase" data-testid="dash-phase">
            {phase === 'running' ? 'Running the notebook…' : session.status === 'busy' ? 'Updating…' : ''}
          </span>
          <span className="dash-spacer" />
          {path && (
            <a
              className="tb-btn dash-link"
              href={notebookViewUrl(location.href)}
              data-testid="dash-open-notebook"
              title="Open this notebook with its code"
            >
              Open as notebook
            </a>
          )}
          <button
            className="tb-btn tb-icon"
            data-testid="theme-toggle"
            title="Toggle light/dark theme"
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
            onClick={toggleTheme}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </header>
        <div className="banners">
          {session.status === 'dead' && (
            <Banner kind="danger" testId="session-dead-banner" text={`${session.message ?? 'The session stopped.'}`}>
              <button className="btn btn-primary" onClick={() => void session.startNew()}>
                Start a new session
              </button>
            </Banner>
          )}
          {problem && <Banner kind="danger" testId="problem-banner" text={problem} />}
        </div>
        <LiveStrip />
        <main className="dash-main">
          <DashboardGrid cells={docApi.state.doc.model.cells} running={runner.running} tables={tables} fetchPage={fetchPage} />
        </main>
      </div>
    </LiveContext.Provider>
  );
}

/**
 * What is known of each table: the live strip's entries over what live.start answered, field by
 * field, so an entry the strip built from a status notice alone does not hide a known landing time.
 * What live.start said of its version's times holds for that version only: a later version whose
 * commit time is unknown must not be stamped with the first one's.
 */
function mergeTables(started: Record<string, LiveTableInfo>, live: Record<string, LiveEntry>): Record<string, LiveEntry> {
  const out: Record<string, LiveEntry> = { ...started };
  for (const [name, entry] of Object.entries(live)) {
    const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
    const first = started[name];
    const base =
      first && first.version !== entry.version ? { ...first, landedAt: undefined, arrivedAt: undefined, lagMs: undefined } : first;
    out[name] = { ...base, ...defined } as LiveEntry;
  }
  return out;
}
