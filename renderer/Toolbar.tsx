/**
 * The compact top bar: file actions, run actions, session state, theme. In a narrow window the file
 * and run groups fold into "File ▾" and "Run ▾" menus so nothing is clipped or pushes the page sideways.
 */
import type { SessionStatus } from '../kernel/protocol/messages';
import type { ConnectionStatus } from './kernel-client/KernelClient';
import { ToolbarMenu, type MenuItem } from './toolbar/ToolbarMenu';
import { useMediaQuery } from './toolbar/useMediaQuery';
import './toolbar/Toolbar.css';

/** Below this window width the button groups no longer fit beside the title and status. */
export const NARROW_TOOLBAR = '(max-width: 1180px)';

export interface ToolbarProps {
  title: string;
  dirty: boolean;
  status: SessionStatus;
  /** An AutoML job of the session is training (useTrainingJobs). */
  training?: boolean;
  connection: ConnectionStatus;
  theme: 'light' | 'dark';
  onNew(): void;
  onOpen(): void;
  onSave(): void;
  onSaveAs(): void;
  /** Opens Export… (HTML, PDF, Markdown, .ipynb). */
  onExport?(): void;
  onRunAll(): void;
  onRunAbove(): void;
  onRunBelow(): void;
  onInterrupt(): void;
  onRestart(): void;
  onToggleTheme(): void;
  onHelp(): void;
  catalogOpen: boolean;
  onToggleCatalog(): void;
}

function ButtonGroup({ items }: { items: MenuItem[] }) {
  return (
    <div className="tb-group">
      {items.map((it) => (
        <button key={it.id} className="tb-btn" data-testid={it.id} title={it.title} onClick={it.onSelect} disabled={it.disabled}>
          {it.label}
        </button>
      ))}
    </div>
  );
}

function fileMenu(p: ToolbarProps): MenuItem[] {
  const items: MenuItem[] = [
    { id: 'new', label: 'New', title: 'New notebook', onSelect: p.onNew },
    { id: 'open', label: 'Open', title: 'Open notebook…', onSelect: p.onOpen },
    { id: 'save', label: 'Save', title: 'Save (Ctrl+S)', onSelect: p.onSave },
    { id: 'save-as', label: 'Save as', title: 'Save as…', onSelect: p.onSaveAs },
  ];
  if (p.onExport) {
    items.push({ id: 'export', label: 'Export…', title: 'Export as HTML, PDF, Markdown or .ipynb (Ctrl+Shift+E)', onSelect: p.onExport });
  }
  return items;
}

function runMenu(p: ToolbarProps): MenuItem[] {
  return [
    { id: 'run-all', label: 'Run all', title: 'Run all cells, stop at the first error', onSelect: p.onRunAll },
    { id: 'run-above', label: 'Run above', title: 'Run the cells above the selected one', onSelect: p.onRunAbove },
    { id: 'run-below', label: 'Run below', title: 'Run the selected cell and those below', onSelect: p.onRunBelow },
    { id: 'interrupt', label: '■ Interrupt', title: 'Stop the running cell', onSelect: p.onInterrupt },
    { id: 'restart', label: '↻ Restart', title: 'Restart the session (variables are lost)', onSelect: p.onRestart },
  ];
}

export function Toolbar(p: ToolbarProps) {
  const shown = p.connection === 'open' ? p.status : p.connection === 'connecting' ? 'connecting' : 'disconnected';
  // No cell runs, but an AutoML search keeps the session's cores busy: "idle" would not be true.
  const shownStatus = shown === 'idle' && p.training ? 'training' : shown;
  const narrow = useMediaQuery(NARROW_TOOLBAR);
  const fileItems = fileMenu(p);
  const runItems = runMenu(p);
  return (
    <header className="toolbar">
      <button
        className={`tb-btn tb-icon${p.catalogOpen ? ' tb-active' : ''}`}
        data-testid="catalog-toggle"
        title={p.catalogOpen ? 'Hide the catalog' : 'Show the catalog of shared tables'}
        aria-label="Catalog"
        aria-pressed={p.catalogOpen}
        onClick={p.onToggleCatalog}
      >
        ☰
      </button>
      <div className="brand" title="Silt">
        <span className="brand-mark" />
        <span className="brand-name">Silt</span>
      </div>
      <div className="notebook-title" data-testid="notebook-title" title={p.title}>
        <span className="notebook-title-text">{p.title}</span>
        {p.dirty && (
          <span className="dirty-marker" data-testid="dirty-marker" title="Unsaved changes">
            ●
          </span>
        )}
      </div>
      {narrow ? (
        <div className="tb-group">
          <ToolbarMenu label="File" testId="file-menu" items={fileItems} />
          <ToolbarMenu label="Run" testId="run-menu" items={runItems} />
        </div>
      ) : (
        <>
          <ButtonGroup items={fileItems} />
          <div className="tb-sep" />
          <ButtonGroup items={runItems} />
        </>
      )}
      <div className="tb-spacer" />
      <div className={`session-status status-${shownStatus}`} title="Session status">
        <span className="status-dot" />
        <span data-testid="session-status">{shownStatus}</span>
      </div>
      <button className="tb-btn tb-icon" title="Keyboard shortcuts (H)" aria-label="Keyboard shortcuts" onClick={p.onHelp}>
        ?
      </button>
      <button
        className="tb-btn tb-icon"
        data-testid="theme-toggle"
        title="Toggle light/dark theme"
        aria-label={p.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        onClick={p.onToggleTheme}
      >
        {p.theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
