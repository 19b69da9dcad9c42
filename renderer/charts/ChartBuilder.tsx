/**
 * The "Chart" action on a result: pick a mark and columns, see the chart drawn by the session, then
 * insert it as a TypeScript cell (so it becomes a saved, re-runnable output) or copy its code.
 */
import { ChartImage } from './ChartImage';
import { useMemo, useState } from 'react';
import type { ChartAggregate, ChartMark, ChartSort, ChartSpec } from '../../kernel/protocol/charts';
import type { ColumnInfo } from '../../kernel/protocol/notebook';
import { useNotebookActions } from '../notebook/NotebookContext';
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { Dialog } from '../panels/Dialog';
import { chartKind } from '../../common/columnKind';
import { defaultSpec } from './defaultSpec';
import { useChartPreview } from './useChartPreview';

const MARKS: { id: ChartMark; label: string }[] = [
  { id: 'bar', label: 'Bar' },
  { id: 'line', label: 'Line' },
  { id: 'area', label: 'Area' },
  { id: 'dot', label: 'Dot' },
  { id: 'histogram', label: 'Histogram' },
  { id: 'box', label: 'Box' },
  { id: 'cell', label: 'Heatmap' },
];
const AGGREGATES: ChartAggregate[] = ['count', 'sum', 'mean', 'median', 'min', 'max'];
const SORTS: { id: ChartSort; label: string }[] = [
  { id: 'x', label: 'x ascending' },
  { id: '-x', label: 'x descending' },
  { id: 'y', label: 'value ascending' },
  { id: '-y', label: 'value descending' },
];
/** Which fields each mark uses; the others are hidden rather than silently ignored. */
const USES: Record<ChartMark, { y: boolean; color: boolean; aggregate: boolean; sort: boolean }> = {
  bar: { y: true, color: true, aggregate: true, sort: true },
  line: { y: true, color: true, aggregate: true, sort: false },
  area: { y: true, color: true, aggregate: true, sort: false },
  dot: { y: true, color: true, aggregate: false, sort: false },
  histogram: { y: false, color: true, aggregate: false, sort: false },
  box: { y: true, color: false, aggregate: false, sort: false },
  cell: { y: true, color: true, aggregate: true, sort: false },
};

export function ChartBuilder({ output, cellId, onClose }: ResultActionProps) {
  const { insertCells, nameResult, client, sessionId, report } = useNotebookActions();
  const [spec, setSpec] = useState<ChartSpec>(() => defaultSpec(output.columns));
  const [copied, setCopied] = useState(false);
  const shown = useMemo(() => visibleSpec(spec), [spec]);
  const preview = useChartPreview(output.handle, shown);
  const uses = USES[spec.mark];
  const set = (patch: Partial<ChartSpec>) => {
    setCopied(false);
    setSpec((s) => ({ ...s, ...patch }));
  };

  // The inserted cell reads the result by name, so it still runs after a restart or in Run all.
  const insert = async () => {
    if (!preview.code) return;
    try {
      const name = await nameResult(cellId, output.handle);
      const id = sessionId();
      const code =
        name && id
          ? (await client.request('chart.render', { sessionId: id, handle: output.handle, spec: shown, table: name })).code
          : preview.code;
      insertCells(cellId, [{ type: 'code', language: 'typescript', source: code }], true);
      onClose();
    } catch (e) {
      report('Could not insert the chart', e as Error);
    }
  };
  const copy = () => {
    if (!preview.code) return;
    void navigator.clipboard.writeText(preview.code).then(() => setCopied(true));
  };

  return (
    <Dialog
      title="Chart"
      testId="chart-builder"
      wide
      okLabel="Insert chart"
      okDisabled={!preview.code || preview.loading}
      onOk={() => void insert()}
      onCancel={onClose}
    >
      <div className="chart-builder">
        <div className="chart-form">
          <div className="chart-marks" role="radiogroup" aria-label="Mark">
            {MARKS.map((m) => (
              <button
                key={m.id}
                role="radio"
                aria-checked={spec.mark === m.id}
                data-testid={`chart-mark-${m.id}`}
                className={`chart-mark${spec.mark === m.id ? ' selected' : ''}`}
                onClick={() => set({ mark: m.id })}
              >
                {m.label}
              </button>
            ))}
          </div>
          <ColumnSelect
            label={spec.mark === 'box' ? 'Group (x)' : 'x'}
            testId="chart-x"
            columns={output.columns}
            value={spec.x}
            onChange={(x) => set({ x: x ?? '' })}
          />
          {uses.y && (
            <ColumnSelect
              label={spec.mark === 'cell' ? 'Rows (y)' : 'y'}
              testId="chart-y"
              columns={output.columns}
              value={spec.y}
              optional={spec.mark !== 'dot' && spec.mark !== 'box' && spec.mark !== 'cell'}
              onChange={(y) => set({ y })}
            />
          )}
          {uses.color && (
            <ColumnSelect
              label={spec.mark === 'cell' ? 'Colour measures' : 'Colour'}
              testId="chart-color"
              columns={output.columns}
              value={spec.color}
              optional
              onChange={(color) => set({ color })}
            />
          )}
          <ColumnSelect
            label="Facet"
            testId="chart-facet"
            columns={output.columns}
            value={spec.facet}
            optional
            onChange={(facet) => set({ facet })}
          />
          {uses.aggregate && (
            <label className="field">
              <span>Aggregate</span>
              <select
                className="chart-select"
                data-testid="chart-aggregate"
                value={spec.aggregate ?? impliedAggregate(spec)}
                onChange={(e) => set({ aggregate: (e.target.value || undefined) as ChartAggregate | undefined })}
              >
                {spec.mark !== 'bar' && spec.mark !== 'cell' && <option value="">none (every row)</option>}
                {AGGREGATES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
          )}
          {uses.sort && (
            <label className="field">
              <span>Sort</span>
              <select
                className="chart-select"
                data-testid="chart-sort"
                value={spec.sort ?? ''}
                onChange={(e) => set({ sort: (e.target.value || undefined) as ChartSort | undefined })}
              >
                <option value="">natural</option>
                {SORTS.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>Title</span>
            <input
              data-testid="chart-title"
              value={spec.title ?? ''}
              onChange={(e) => set({ title: e.target.value })}
              placeholder="optional"
            />
          </label>
        </div>
        <div className="chart-preview-pane">
          <div className={`chart-preview${preview.loading ? ' loading' : ''}`}>
            {preview.error ? (
              <div className="dialog-error" data-testid="chart-error">
                {preview.error}
              </div>
            ) : preview.svg ? (
              <ChartImage testId="chart-preview" alt="Chart preview" svg={preview.svg} />
            ) : (
              <div className="dialog-note">Drawing…</div>
            )}
          </div>
          <div className="chart-preview-footer">
            <span className="dialog-note" data-testid="chart-note">
              {preview.note ?? `${output.rowCount.toLocaleString()} rows`}
            </span>
            <button className="btn btn-small" data-testid="chart-copy-code" disabled={!preview.code} onClick={copy}>
              {copied ? 'Copied' : 'Copy as code'}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}

/** What the kernel does when no aggregate is chosen (bars sum y or count rows; cells average the colour). */
function impliedAggregate(spec: ChartSpec): ChartAggregate | '' {
  if (spec.mark === 'bar') return spec.y ? 'sum' : 'count';
  if (spec.mark === 'cell') return spec.color ? 'mean' : 'count';
  return '';
}

/** The spec without the fields the current mark hides (a y left over from a bar, say). */
function visibleSpec(spec: ChartSpec): ChartSpec {
  const uses = USES[spec.mark];
  const out: ChartSpec = { mark: spec.mark, x: spec.x };
  if (uses.y && spec.y) out.y = spec.y;
  if (uses.color && spec.color) out.color = spec.color;
  if (spec.facet) out.facet = spec.facet;
  if (uses.aggregate && spec.aggregate) out.aggregate = spec.aggregate;
  if (uses.sort && spec.sort) out.sort = spec.sort;
  if (spec.title?.trim()) out.title = spec.title.trim();
  return out;
}

function ColumnSelect(props: {
  label: string;
  testId: string;
  columns: ColumnInfo[];
  value: string | undefined;
  optional?: boolean;
  onChange(v: string | undefined): void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        className="chart-select"
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        {(props.optional || !props.value) && <option value="">{props.optional ? 'none' : 'choose a column'}</option>}
        {props.columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} · {KIND_LABEL[chartKind(c.type)]} ({c.type})
          </option>
        ))}
      </select>
    </label>
  );
}

const KIND_LABEL = { numeric: 'number', temporal: 'date', categorical: 'text' } as const;
