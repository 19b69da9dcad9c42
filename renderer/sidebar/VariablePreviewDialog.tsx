/** A first look at a tabular variable: its first rows in the read-only result grid. */
import { useEffect, useState } from 'react';
import type { VariableInfo, VariablePreview } from '../../kernel/protocol/variables';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Grid } from '../outputs/Grid';
import { Dialog } from '../panels/Dialog';
import { formatShape, KIND_LABEL } from './formatShape';

interface Props {
  client: KernelClient;
  sessionId: string;
  variable: VariableInfo;
  onClose(): void;
}

export function VariablePreviewDialog({ client, sessionId, variable, onClose }: Props) {
  const [preview, setPreview] = useState<VariablePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.request('session.variablePreview', { sessionId, name: variable.name }).then(setPreview, (e: Error) => setError(e.message));
  }, [client, sessionId, variable.name]);
  const shown = preview?.output.rows.length ?? 0;
  return (
    <Dialog
      title={`${variable.name}: ${KIND_LABEL[variable.kind]}, ${formatShape(variable)}`}
      testId="variable-preview"
      cancelLabel="Close"
      onCancel={onClose}
      wide
    >
      {error && <div className="dialog-error">{error}</div>}
      {!preview && !error && <div className="side-muted">Loading…</div>}
      {preview && (
        <>
          <div className="variable-preview-grid">
            <Grid output={preview.output} fetchPage={null} />
          </div>
          <div className="side-muted" data-testid="variable-preview-note">
            {shown < preview.rowCount
              ? `The first ${shown.toLocaleString('en-US')} of ${preview.rowCount.toLocaleString('en-US')} rows.`
              : `All ${preview.rowCount.toLocaleString('en-US')} row${preview.rowCount === 1 ? '' : 's'}.`}
          </div>
        </>
      )}
    </Dialog>
  );
}
