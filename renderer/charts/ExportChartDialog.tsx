/** Where and how to save a chart: path (in the workspace by default), width, PNG scale and theme. */
import { useState } from 'react';
import type { ChartTheme } from '../../kernel/protocol/charts';
import { useNotebookActions } from '../notebook/NotebookContext';
import { Dialog } from '../panels/Dialog';
import { useTheme } from '../theme';
import { chartFileName } from './svgTitle';

interface Props {
  svg: string;
  format: 'svg' | 'png';
  onDone(path: string): void;
  onCancel(): void;
}

export function ExportChartDialog({ svg, format, onDone, onCancel }: Props) {
  const { client, sessionId } = useNotebookActions();
  const natural = naturalWidth(svg);
  const [path, setPath] = useState(() => joinPath(client.workspace ?? '', `${chartFileName(svg)}.${format}`));
  const [width, setWidth] = useState(String(natural));
  const [scale, setScale] = useState('2');
  // The file looks as the chart does on screen now, unless the user picks the other theme.
  const shown = useTheme();
  const [theme, setTheme] = useState<ChartTheme>(shown);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const w = Number(width);
  const valid = path.trim() !== '' && Number.isFinite(w) && w >= 16 && w <= 20000;

  const save = () => {
    const id = sessionId();
    if (!id) return setError('The notebook has no running session.');
    setBusy(true);
    client
      .request('chart.export', {
        sessionId: id,
        svg,
        format,
        path: path.trim(),
        width: w,
        theme,
        ...(format === 'png' ? { scale: Number(scale) } : {}),
      })
      .then((r) => onDone(r.path))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog
      title={`Save chart as ${format.toUpperCase()}`}
      testId="export-chart-dialog"
      okLabel="Save"
      okDisabled={!valid || busy}
      onOk={save}
      onCancel={onCancel}
    >
      <label className="field">
        <span>File</span>
        <input data-testid="export-chart-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
      </label>
      <div className="chart-export-row">
        <label className="field">
          <span>Width (px)</span>
          <input
            data-testid="export-chart-width"
            type="number"
            min={16}
            max={20000}
            value={width}
            onChange={(e) => setWidth(e.target.value)}
          />
        </label>
        {format === 'png' && (
          <label className="field">
            <span>Scale</span>
            <select className="chart-select" data-testid="export-chart-scale" value={scale} onChange={(e) => setScale(e.target.value)}>
              <option value="1">1× (screen)</option>
              <option value="2">2× (high-DPI, slides)</option>
              <option value="3">3× (print)</option>
            </select>
          </label>
        )}
        <label className="field">
          <span>Theme</span>
          <select
            className="chart-select"
            data-testid="export-chart-theme"
            value={theme}
            onChange={(e) => setTheme(e.target.value as ChartTheme)}
          >
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </div>
      {format === 'png' && valid && <p className="dialog-note">{`${Math.round(w * Number(scale))} pixels wide`}</p>}
      {error && (
        <div className="dialog-error" data-testid="export-chart-error">
          {error}
        </div>
      )}
    </Dialog>
  );
}

function naturalWidth(svg: string): number {
  const m = /^<svg\b[^>]*\swidth="([\d.]+)"/.exec(svg);
  return m ? Math.round(Number(m[1])) : 640;
}

function joinPath(dir: string, name: string): string {
  if (!dir) return name;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}
