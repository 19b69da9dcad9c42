/** "SVG" / "PNG" buttons under an SVG output (a chart): save it to a file through chart.export. */
import { useContext, useState } from 'react';
import { NotebookContext } from '../notebook/NotebookContext';
import { ExportChartDialog } from './ExportChartDialog';

export function SvgExportButtons({ svg }: { svg: string }) {
  const actions = useContext(NotebookContext);
  const [format, setFormat] = useState<'svg' | 'png' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Outside a notebook (a read-only view) there is no session to write the file.
  if (!actions) return null;
  return (
    <div className="svg-export">
      <button
        className="btn btn-small"
        data-testid="svg-export-svg"
        title="Save this chart as an SVG file"
        onClick={() => setFormat('svg')}
      >
        SVG
      </button>
      <button
        className="btn btn-small"
        data-testid="svg-export-png"
        title="Save this chart as a PNG image"
        onClick={() => setFormat('png')}
      >
        PNG
      </button>
      {saved && (
        <span className="dialog-note" data-testid="svg-export-saved">
          Saved {saved}
        </span>
      )}
      {format && (
        <ExportChartDialog
          svg={svg}
          format={format}
          onDone={(path) => {
            setSaved(path);
            setFormat(null);
          }}
          onCancel={() => setFormat(null)}
        />
      )}
    </div>
  );
}
