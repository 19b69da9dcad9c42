/** The variables panel: each of the session's variables with its kind, type, shape and memory; a table opens a preview. */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { SessionStatus } from '../../kernel/protocol/messages';
import type { VariableInfo } from '../../kernel/protocol/variables';
import type { KernelClient } from '../kernel-client/KernelClient';
import { formatBytes } from '../../common/formatBytes';
import { formatShape, KIND_LABEL } from './formatShape';
import { measureNote } from './measureNote';
import { useVariables } from './useVariables';
import { VariablePreviewDialog } from './VariablePreviewDialog';

interface Props {
  client: KernelClient;
  sessionId: string | null;
  status: SessionStatus;
  runningCount: number;
}

export function VariablesPanel({ client, sessionId, status, runningCount }: Props) {
  const { variables, error } = useVariables(client, sessionId, status, runningCount, true);
  const [preview, setPreview] = useState<VariableInfo | null>(null);
  return (
    <div className="side-body" data-testid="variables-panel">
      {error && <div className="side-error">{error}</div>}
      {!variables && !error && <div className="side-muted">Loading…</div>}
      {variables?.length === 0 && (
        <div className="side-muted">No variables yet. Run a cell: its tables and TypeScript values appear here.</div>
      )}
      {variables && variables.length > 0 && (
        <table className="variables-table" aria-label="Variables">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th className="num">Shape</th>
              <th className="num">Memory</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v) => {
              const note = measureNote(v);
              return (
                <tr
                  key={`${v.kind}:${v.name}`}
                  className={v.tabular ? 'openable' : undefined}
                  data-testid="variable-row"
                  data-name={v.name}
                  data-kind={v.kind}
                  tabIndex={v.tabular ? 0 : undefined}
                  title={v.tabular ? `Preview ${v.name}` : (v.summary ?? v.type)}
                  onClick={() => v.tabular && setPreview(v)}
                  onKeyDown={(e) => v.tabular && (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setPreview(v))}
                >
                  <td className="variable-name" title={v.name}>
                    {v.name}
                  </td>
                  <td className="variable-type" title={v.type}>
                    <span className="variable-type-text">
                      <span className={`variable-kind kind-${v.kind}`}>{KIND_LABEL[v.kind]}</span>
                      {v.type !== KIND_LABEL[v.kind] && <span className="variable-subtype"> {v.type}</span>}
                    </span>
                  </td>
                  <td
                    className="num variable-shape"
                    data-testid="variable-shape"
                    data-measure={v.measure}
                    title={note ? `${formatShape(v)}: ${note.title}` : formatShape(v)}
                  >
                    {formatShape(v)}
                    {note && <span className="variable-measure">{note.words}</span>}
                  </td>
                  <td className="num variable-bytes" title={note?.title}>
                    {v.bytes !== undefined ? formatBytes(v.bytes) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {/* On the body: inside the floating panel, the dialog would stay under the panel's stacking context. */}
      {preview &&
        sessionId &&
        createPortal(
          <VariablePreviewDialog client={client} sessionId={sessionId} variable={preview} onClose={() => setPreview(null)} />,
          document.body,
        )}
    </div>
  );
}
