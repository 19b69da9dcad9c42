/**
 * Publish a result as a Delta table on the built-in sharing server, then hand the BI tool what it
 * needs: the `share.schema.table` name, the endpoint and the profile file (copy its path, or save a
 * copy where the BI tool can pick it up).
 */
import { useState } from 'react';
import type { PublishMode, PublishResult } from '../../kernel/protocol/dataExport';
import { Dialog } from '../panels/Dialog';
import { useNotebookActions } from '../notebook/NotebookContext';
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { CopyButton } from './CopyButton';
import { defaultPath, resultName } from './exportFormats';
import { formatTableName } from '../../common/tableName';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function PublishDialog({ output, onClose }: ResultActionProps) {
  const { client, sessionId } = useNotebookActions();
  const [name, setName] = useState(resultName(output.handle));
  const [mode, setMode] = useState<PublishMode>('append');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PublishResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saveTo, setSaveTo] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const call = async <T,>(f: (sid: string) => Promise<T>): Promise<T | null> => {
    const sid = sessionId();
    if (!sid) {
      setError('The notebook has no running kernel; run the cell again.');
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      return await f(sid);
    } catch (e) {
      setError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setSaved(null);
    const r = await call((sid) => client.request('data.publish', { sessionId: sid, handle: output.handle, name: name.trim(), mode }));
    if (r) setResult(r);
  };

  const saveProfile = async () => {
    const r = await call((sid) => client.request('data.saveProfile', { sessionId: sid, path: saveTo!.trim() }));
    if (r) {
      setSaved(r.path);
      setSaveTo(null);
    }
  };

  const valid = NAME.test(name.trim());
  const qualified = result ? formatTableName(result) : '';
  return (
    <Dialog
      title="Publish as a shared table"
      testId="publish-dialog"
      okLabel={result ? 'Publish again' : 'Publish'}
      okDisabled={busy || !valid}
      onOk={() => void publish()}
      cancelLabel="Close"
      onCancel={onClose}
      wide
    >
      <label className="field">
        <span>Table name</span>
        <input data-testid="publish-name" value={name} spellCheck={false} onChange={(e) => setName(e.target.value)} />
      </label>
      {!valid && <p className="dialog-error">Use letters, digits and _, starting with a letter or _.</p>}
      <div className="publish-modes" role="radiogroup" aria-label="If the table exists">
        <label>
          <input
            type="radio"
            name="publish-mode"
            data-testid="publish-append"
            checked={mode === 'append'}
            onChange={() => setMode('append')}
          />
          Append: add these rows as a new version
        </label>
        <label>
          <input
            type="radio"
            name="publish-mode"
            data-testid="publish-replace"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
          />
          Replace: make these rows the whole table, as a new version
        </label>
      </div>
      <p className="dialog-note">
        {output.rowCount.toLocaleString()} rows, served by Silt's Delta Sharing server on this machine for Power BI, Tableau or any Delta
        Sharing client.
      </p>
      {busy && <p className="dialog-note">Working…</p>}
      {result && (
        <dl className="publish-result" data-testid="publish-result">
          <dt>Table</dt>
          <dd>
            <code data-testid="publish-table">{qualified}</code> version {result.version} ({result.rows.toLocaleString()} rows written)
            <CopyButton text={qualified} label="Copy name" />
          </dd>
          <dt>Profile</dt>
          <dd>
            <code data-testid="publish-profile">{result.profilePath}</code>
            <CopyButton text={result.profilePath} label="Copy path" testId="publish-copy-path" />
            <button
              className="btn btn-small"
              data-testid="publish-save-profile"
              onClick={() => setSaveTo(defaultPath(client.workspace, 'published', 'share'))}
            >
              Save profile as…
            </button>
          </dd>
          {saveTo !== null && (
            <dd className="publish-save">
              <input
                data-testid="publish-save-path"
                value={saveTo}
                spellCheck={false}
                onChange={(e) => setSaveTo(e.target.value)}
                onKeyDown={(e) => {
                  // Enter saves the profile here, rather than publishing again (the dialog's default).
                  if (e.key !== 'Enter') return;
                  e.stopPropagation();
                  void saveProfile();
                }}
              />
              <button className="btn btn-small btn-primary" disabled={busy || saveTo.trim() === ''} onClick={() => void saveProfile()}>
                Save
              </button>
            </dd>
          )}
          {saved && (
            <dd className="dialog-note" data-testid="publish-saved">
              Saved a copy to <code>{saved}</code>. It holds the access token: share it only with people who may read the table.
            </dd>
          )}
          <dt>Endpoint</dt>
          <dd>
            <code>{result.endpoint}</code>
          </dd>
        </dl>
      )}
      {error && (
        <p className="dialog-error" data-testid="publish-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
