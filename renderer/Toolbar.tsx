/** The compact top bar: file actions, run actions, session state, theme. */
import type { SessionStatus } from '../kernel/protocol/messages';
import type { ConnectionStatus } from './kernel-client/KernelClient';

export interface ToolbarProps {
  title: string;
  dirty: boolean;
  status: SessionStatus;
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

function Btn({ id, label, title, onClick, disabled }: { id: string; label: string; title: string; onClick(): void; disabled?: boolean }) {
  return (
    <button className="tb-btn" data-testid={id} title={title} onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );
}

export function Toolbar(p: ToolbarProps) {
  const shownStatus = p.connection === 'open' ? p.status : p.connection === 'connecting' ? 'connecting' : 'disconnected';
  return (
    <header className="toolbar">
      <button
        className={`tb-btn tb-icon${p.catalogOpen ? ' tb-active' : ''}`}
        data-testid="catalog-toggle"
        title={p.catalogOpen ? 'Hide the catalog' : 'Show the catalog of shared tables'}
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
        {p.title}
        {p.dirty && (
          <span className="dirty-marker" data-testid="dirty-marker" title="Unsaved changes">
            ●
          </span>
        )}
      </div>
      <div className="tb-group">
        <Btn id="new" label="New" title="New notebook" onClick={p.onNew} />
        <Btn id="open" label="Open" title="Open notebook…" onClick={p.onOpen} />
        <Btn id="save" label="Save" title="Save (Ctrl+S)" onClick={p.onSave} />
        <Btn id="save-as" label="Save as" title="Save as…" onClick={p.onSaveAs} />
        {p.onExport && (
          <Btn id="export" label="Export…" title="Export as HTML, PDF, Markdown or .ipynb (Ctrl+Shift+E)" onClick={p.onExport} />
        )}
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        <Btn id="run-all" label="Run all" title="Run all cells, stop at the first error" onClick={p.onRunAll} />
        <Btn id="run-above" label="Run above" title="Run the cells above the selected one" onClick={p.onRunAbove} />
        <Btn id="run-below" label="Run below" title="Run the selected cell and those below" onClick={p.onRunBelow} />
        <Btn id="interrupt" label="■ Interrupt" title="Stop the running cell" onClick={p.onInterrupt} />
        <Btn id="restart" label="↻ Restart" title="Restart the session (variables are lost)" onClick={p.onRestart} />
      </div>
      <div className="tb-spacer" />
      <div className={`session-status status-${shownStatus}`} title="Session status">
        <span className="status-dot" />
        <span data-testid="session-status">{shownStatus}</span>
      </div>
      <button className="tb-btn tb-icon" title="Keyboard shortcuts (H)" onClick={p.onHelp}>
        ?
      </button>
      <button className="tb-btn tb-icon" data-testid="theme-toggle" title="Toggle light/dark theme" onClick={p.onToggleTheme}>
        {p.theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
