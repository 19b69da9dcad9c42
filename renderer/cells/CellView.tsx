/** One notebook cell as a card: selection bar, run gutter, header (language, name, timing), editor, outputs. */
import { memo, type MouseEvent, type PointerEvent } from 'react';
import type { NameInfo } from '../../kernel/protocol/messages';
import type { Cell } from '../../kernel/protocol/notebook';
import type { Action, Mode } from '../notebook/keymap';
import type { RunProgress } from '../notebook/useRunner';
import { progressAmount } from './progressAmount';
import type { FetchPage } from '../outputs/Grid';
import { OutputArea } from '../outputs/OutputArea';
import { formatElapsed } from '../outputs/formatElapsed';
import { CodeEditor } from './CodeEditor';
import { CellLiveControls } from '../live/CellLiveControls';
import { MarkdownView } from './MarkdownView';
import { CellMenu } from './CellMenu';

export interface CellCallbacks {
  onSelect(id: string, mode: Mode): void;
  onSource(id: string, source: string): void;
  onName(id: string, name: string): void;
  onRun(id: string): void;
  onToggleLanguage(id: string): void;
  /** A cell operation from the cell's menu, applied to this cell. */
  onAction(id: string, action: Action): void;
  canPerform(action: Action): boolean;
  /** The drag handle was pressed: reordering starts. */
  onDragStart(id: string, e: PointerEvent<HTMLElement>): void;
}

interface Props extends CellCallbacks {
  cell: Cell;
  /** Where it is in the notebook, from 0: its label says "Cell 3". */
  index: number;
  selected: boolean;
  editing: boolean;
  running: boolean;
  progress: RunProgress | null;
  notice: string | null;
  /** Names the session knows, for completion. */
  names: () => NameInfo[];
  fetchPage: FetchPage | null;
}

const KINDS = { sql: 'SQL', typescript: 'TypeScript' } as const;

/** What a screen reader says when the cell takes the focus in command mode: "Cell 3, SQL, selected". */
function cellLabel(cell: Cell, index: number, selected: boolean): string {
  const kind = cell.type === 'code' ? KINDS[cell.language] : cell.type === 'markdown' ? 'Markdown' : 'Raw';
  return `Cell ${index + 1}, ${kind}${selected ? ', selected' : ''}`;
}

function CellViewImpl({
  cell,
  index,
  selected,
  editing,
  running,
  progress,
  notice,
  names,
  fetchPage,
  onSelect,
  onSource,
  onName,
  onRun,
  onToggleLanguage,
  onAction,
  canPerform,
  onDragStart,
}: Props) {
  const code = cell.type === 'code' ? cell : null;
  const errorLine = code?.outputs.find((o) => o.kind === 'error' && o.line !== undefined);
  const showEditor = cell.type !== 'markdown' || editing || cell.source === '';

  const onMouseDown = (e: MouseEvent) => {
    const t = e.target as Element;
    if (t.closest('.cm-editor, input, button')) return;
    onSelect(cell.id, 'command');
  };

  return (
    <div
      className={`cell cell-${cell.type}${selected ? ' selected' : ''}${editing ? ' editing' : ''}`}
      data-testid="cell"
      data-cell-id={cell.id}
      data-cell-type={cell.type}
      {...(code ? { 'data-language': code.language } : {})}
      data-selected={selected}
      data-mode={editing ? 'edit' : 'command'}
      role="group"
      aria-label={cellLabel(cell, index, selected)}
      // Focused in command mode (useCellFocus), so the selection is what a screen reader reads.
      tabIndex={-1}
      onMouseDown={onMouseDown}
    >
      <div className="cell-gutter">
        <button
          className="cell-drag-handle"
          aria-label="Move cell"
          data-testid="drag-handle"
          title="Drag to move (Ctrl+Shift+↑/↓ from the keyboard)"
          onPointerDown={(e) => {
            onSelect(cell.id, 'command');
            onDragStart(cell.id, e);
          }}
        >
          ⠿
        </button>
        {code && (
          <>
            <button
              className="run-button"
              data-testid="run-cell"
              title="Run cell (Ctrl+Enter)"
              aria-label={running ? 'Running' : 'Run cell'}
              onClick={() => onRun(cell.id)}
              disabled={running}
            >
              {running ? <span className="spinner" /> : <span className="run-icon">▶</span>}
            </button>
            <span className="execution-count" data-testid="execution-count">
              [{running ? '*' : (code.executionCount ?? ' ')}]
            </span>
          </>
        )}
        <CellMenu onOpen={() => onSelect(cell.id, 'command')} canPerform={canPerform} onAction={(a) => onAction(cell.id, a)} />
      </div>
      <div className="cell-main">
        {code && (
          <div className="cell-header">
            <button
              className={`language-toggle lang-${code.language}`}
              data-testid="language-toggle"
              title="Switch SQL / TypeScript (L)"
              onClick={() => onToggleLanguage(cell.id)}
            >
              {code.language === 'sql' ? 'SQL' : 'TS'}
            </button>
            {code.language === 'sql' && (
              <input
                className="cell-name"
                data-testid="cell-name"
                placeholder="result name"
                spellCheck={false}
                value={code.name ?? ''}
                onChange={(e) => onName(cell.id, e.target.value)}
                onFocus={() => onSelect(cell.id, 'command')}
                title="The result becomes a table/variable with this name"
              />
            )}
            <CellLiveControls cell={code} />
            <span className="cell-header-spacer" />
            {running && <RunningLabel progress={progress} />}
            {!running && code.elapsedMs !== undefined && (
              <span className="elapsed" data-testid="elapsed" title="Elapsed time of the last run">
                {formatElapsed(code.elapsedMs)}
              </span>
            )}
          </div>
        )}
        {cell.type === 'markdown' && !showEditor && <MarkdownView source={cell.source} onEdit={() => onSelect(cell.id, 'edit')} />}
        {showEditor && (
          <CodeEditor
            cellId={cell.id}
            source={cell.source}
            language={code ? code.language : 'markdown'}
            focused={editing}
            errorAt={
              errorLine?.kind === 'error' && errorLine.line !== undefined
                ? {
                    line: errorLine.line,
                    column: errorLine.column,
                    title: `${errorLine.ename}: ${errorLine.message.split('\n')[0]}`,
                    // Running with its outputs kept (a live re-run): the error is the last run's.
                    stale: running,
                  }
                : null
            }
            names={code ? names : null}
            onChange={(s) => onSource(cell.id, s)}
            onFocus={() => onSelect(cell.id, 'edit')}
          />
        )}
        {code && (
          <OutputArea
            cellId={cell.id}
            outputs={code.outputs}
            source={code.source}
            fetchPage={fetchPage}
            notice={notice}
            running={running}
            onRun={() => onRun(cell.id)}
          />
        )}
      </div>
    </div>
  );
}

function RunningLabel({ progress }: { progress: RunProgress | null }) {
  if (!progress) return <span className="cell-running">running…</span>;
  const pct = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const amount = progressAmount(progress);
  return (
    <span className="cell-running download-progress" data-testid="download-progress" title={progress.label}>
      <span className="download-label">{progress.label}</span>
      <span className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
        <span className={pct === null ? 'indeterminate' : undefined} style={pct === null ? undefined : { width: `${pct}%` }} />
      </span>
      {amount && <span data-testid="download-amount">{amount}</span>}
    </span>
  );
}

export const CellView = memo(CellViewImpl);
