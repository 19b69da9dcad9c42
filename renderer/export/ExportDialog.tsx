/**
 * Export a result to a file: pick a format and a path, watch the progress (rows written), cancel,
 * and see where the file went and how big it is. The bar is a progressbar only as far as the total is
 * known: without one it says how many rows are written, and fills nothing.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../kernel/protocol/dataExport';
import { Dialog } from '../panels/Dialog';
import { PathText } from '../panels/PathText';
import { CopyButton } from './CopyButton';
import { formatBytes } from '../../common/formatBytes';
import { useNotebookActions } from '../notebook/NotebookContext';
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { defaultPath, FORMAT_CHOICES, resultName, withExtension } from './exportFormats';

type State =
  | { step: 'idle' }
  | { step: 'running'; exportId: string; done: number; total: number }
  | { step: 'done'; path: string; rows: number; bytes: number }
  | { step: 'failed'; message: string };

export function ExportDialog({ output, onClose }: ResultActionProps) {
  const { client, sessionId } = useNotebookActions();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [path, setPath] = useState(() => defaultPath(client.workspace, resultName(output.handle), 'csv'));
  const [state, setState] = useState<State>({ step: 'idle' });
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.type !== 'export.progress' || e.exportId !== running.current) return;
        setState((s) => (s.step === 'running' ? { ...s, done: e.done, total: e.total } : s));
      }),
    [client],
  );

  const pick = (f: ExportFormat) => {
    setFormat(f);
    setPath((p) => withExtension(p, FORMAT_CHOICES.find((c) => c.format === f)!.extension));
  };

  const start = async () => {
    const sid = sessionId();
    if (!sid) return setState({ step: 'failed', message: 'The notebook has no running kernel; run the cell again.' });
    const exportId = `export-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    running.current = exportId;
    setState({ step: 'running', exportId, done: 0, total: output.rowCount });
    try {
      const r = await client.request('data.export', { sessionId: sid, handle: output.handle, format, path: path.trim(), exportId });
      setState({ step: 'done', ...r });
    } catch (e) {
      setState({ step: 'failed', message: (e as Error).message });
    } finally {
      running.current = null;
    }
  };

  const cancel = () => {
    const sid = sessionId();
    if (state.step === 'running' && sid) void client.request('data.exportCancel', { sessionId: sid, exportId: state.exportId });
  };

  const busy = state.step === 'running';
  const known = busy && state.total > 0;
  const pct = known ? Math.min(100, Math.round((state.done / state.total) * 100)) : 0;
  return (
    <Dialog
      title="Export result"
      testId="export-dialog"
      okLabel={state.step === 'done' ? 'Export again' : 'Export'}
      okDisabled={busy || path.trim() === ''}
      onOk={() => void start()}
      cancelLabel={busy ? 'Cancel export' : 'Close'}
      onCancel={() => (busy ? cancel() : onClose())}
    >
      <fieldset className="export-formats" disabled={busy}>
        <legend>Format</legend>
        {FORMAT_CHOICES.map((c) => (
          <label key={c.format} className={`export-format${c.format === format ? ' selected' : ''}`} title={c.hint}>
            <input
              type="radio"
              name="export-format"
              data-testid={`export-format-${c.format}`}
              checked={c.format === format}
              onChange={() => pick(c.format)}
            />
            <span className="export-format-label">{c.label}</span>
            <span className="export-format-hint">{c.hint}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Save to (absolute, or relative to the workspace)</span>
        <input data-testid="export-path" value={path} spellCheck={false} disabled={busy} onChange={(e) => setPath(e.target.value)} />
      </label>
      <p className="dialog-note">
        {output.rowCount.toLocaleString()} rows × {output.columns.length} columns. The file appears under this name only once it is
        complete.
      </p>
      {busy && (
        <div className="export-progress" data-testid="export-progress">
          <div
            className={`export-progress-track${known ? '' : ' indeterminate'}`}
            role="progressbar"
            aria-label="Rows written"
            aria-valuemin={known ? 0 : undefined}
            aria-valuemax={known ? state.total : undefined}
            aria-valuenow={known ? Math.min(state.done, state.total) : undefined}
            aria-valuetext={
              known ? `${state.done.toLocaleString()} of ${state.total.toLocaleString()} rows` : `${state.done.toLocaleString()} rows`
            }
          >
            {known && <span style={{ width: `${pct}%` }} />}
          </div>
          <span>
            {known
              ? `${state.done.toLocaleString()} of ${state.total.toLocaleString()} rows`
              : `${state.done.toLocaleString()} rows written`}
          </span>
        </div>
      )}
      {state.step === 'done' && (
        <div className="data-export-result" data-testid="export-result">
          <span>
            Wrote {state.rows.toLocaleString()} rows ({formatBytes(state.bytes)}) to{' '}
          </span>
          <span className="data-export-path">
            <PathText path={state.path} testId="export-written-path" />
            <CopyButton text={state.path} label="Copy path" testId="export-copy-path" />
          </span>
        </div>
      )}
      {state.step === 'failed' && (
        <p className="dialog-error" data-testid="export-error">
          {state.message}
        </p>
      )}
    </Dialog>
  );
}
