/**
 * Export… : the notebook as the window shows it (unsaved edits and outputs included) to HTML, PDF,
 * Markdown or .ipynb, written by the kernel host. Stays open to show where the file went.
 */
import { useState } from 'react';
import type { NotebookModel } from '../../kernel/protocol/notebook';
import type { PageSize, ReportFormat } from '../../kernel/protocol/report';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from '../panels/Dialog';
import { formatBytes } from '../../common/formatBytes';
import { desktop } from '../desktop/desktopBridge';
import { defaultPath, defaultTitle, FORMAT_LABELS, withExtension } from './exportDefaults';

interface Props {
  client: KernelClient;
  notebook: NotebookModel;
  /** The notebook's file, or null while it is untitled. */
  notebookPath: string | null;
  onClose(): void;
}

export function ExportNotebookDialog({ client, notebook, notebookPath, onClose }: Props) {
  const [format, setFormat] = useState<ReportFormat>('html');
  const [title, setTitle] = useState(() => defaultTitle(notebook, notebookPath));
  const [author, setAuthor] = useState('');
  const [hideCode, setHideCode] = useState(false);
  // Letter where it is the custom (the US and Canada), A4 elsewhere.
  const [pageSize, setPageSize] = useState<PageSize>(() => (/-(US|CA)\b/i.test(navigator.language) ? 'Letter' : 'A4'));
  const [path, setPath] = useState(() => defaultPath(notebookPath, 'html'));
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<{ path: string; bytes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const chooseFormat = (f: ReportFormat) => {
    setFormat(f);
    setPath((p) => withExtension(p, f));
  };

  const exportNow = async () => {
    setBusy(true);
    setError(null);
    setWritten(null);
    const base = { notebook, hideCode, title: title.trim() || undefined, author: author.trim() || undefined };
    try {
      const print = desktop()?.printToPdf;
      if (format === 'pdf' && print) {
        // The desktop app prints the HTML report itself, which stays beside the PDF.
        const html = await client.request('report.export', { ...base, format: 'html', path: withExtension(path.trim(), 'html') });
        setWritten(await print(html.path, withExtension(html.path, 'pdf'), pageSize));
      } else {
        setWritten(
          await client.request('report.export', { ...base, format, path: path.trim(), ...(format === 'pdf' ? { pageSize } : {}) }),
        );
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Export notebook"
      testId="export-dialog"
      okLabel={busy ? 'Exporting…' : 'Export'}
      okDisabled={busy || !path.trim()}
      onOk={() => void exportNow()}
      cancelLabel={written ? 'Close' : 'Cancel'}
      onCancel={onClose}
    >
      <label className="field">
        <span>Format</span>
        <select
          className="export-select"
          data-testid="export-format"
          value={format}
          onChange={(e) => chooseFormat(e.target.value as ReportFormat)}
        >
          {(Object.keys(FORMAT_LABELS) as ReportFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Title</span>
        <input data-testid="export-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>Author (optional)</span>
        <input data-testid="export-author" value={author} onChange={(e) => setAuthor(e.target.value)} />
      </label>
      <label className="export-check">
        <input
          type="checkbox"
          data-testid="export-hide-code"
          checked={hideCode}
          disabled={format === 'ipynb'}
          onChange={(e) => setHideCode(e.target.checked)}
        />
        <span>Hide code (show outputs only)</span>
      </label>
      {format === 'pdf' && (
        <label className="field">
          <span>Paper</span>
          <select
            className="export-select"
            data-testid="export-page-size"
            value={pageSize}
            onChange={(e) => setPageSize(e.target.value as PageSize)}
          >
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
      )}
      <label className="field">
        <span>Save to (relative paths are in the workspace)</span>
        <input data-testid="export-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
      </label>
      {written && (
        <div className="export-result" data-testid="export-result">
          Wrote <code>{written.path}</code> ({formatBytes(written.bytes)})
        </div>
      )}
      {error && (
        <div className="dialog-error" data-testid="export-error">
          {error}
        </div>
      )}
    </Dialog>
  );
}
