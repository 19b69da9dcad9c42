/** Opens a Delta Sharing profile in the session: pasted JSON, or the path of a `.share` file. */
import { useState } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from './Dialog';

/** Removes the pasted token from a message, should a server or parser ever quote it back. */
function withoutToken(message: string, source: string): string {
  const token = /"bearerToken"\s*:\s*"([^"]+)"/.exec(source)?.[1];
  return token ? message.split(token).join('•••') : message;
}

interface Props {
  client: KernelClient;
  sessionId: string | null;
  onAdded(name: string): void;
  onCancel(): void;
}

export function AddProfileDialog({ client, sessionId, onAdded, onCancel }: Props) {
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = () => {
    if (!sessionId) return setError('No session is running.');
    setBusy(true);
    setError(null);
    client.request('catalog.addProfile', { sessionId, source: source.trim(), ...(name.trim() ? { name: name.trim() } : {}) }).then(
      (r) => onAdded(r.name),
      (e: Error) => {
        setBusy(false);
        setError(withoutToken(e.message, source));
      },
    );
  };

  return (
    <Dialog
      title="Add a sharing profile"
      testId="catalog-add-profile-dialog"
      okLabel={busy ? 'Adding…' : 'Add'}
      okDisabled={busy || !source.trim()}
      onOk={add}
      onCancel={onCancel}
      wide
    >
      <label className="field">
        <span>Paste the profile's JSON, or type the path of a .share file</span>
        <textarea
          className="profile-input"
          data-testid="catalog-profile-input"
          value={source}
          spellCheck={false}
          rows={7}
          placeholder={
            '{\n  "shareCredentialsVersion": 1,\n  "endpoint": "https://sharing.example.com/delta-sharing",\n  "bearerToken": "…"\n}\n\nor  ~/profiles/lab.share'
          }
          onChange={(e) => setSource(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && source.trim() && !busy) add();
          }}
        />
      </label>
      <label className="field">
        <span>Name in SQL (optional; letters, digits and _)</span>
        <input
          data-testid="catalog-profile-name"
          value={name}
          spellCheck={false}
          placeholder="from the file name"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <p className="dialog-note">
        Silt keeps the profile for your next sessions. Its token is never shown again, and never written to notebooks, logs or exports.
      </p>
      {error && (
        <div className="dialog-error" data-testid="catalog-profile-error">
          {error}
        </div>
      )}
    </Dialog>
  );
}
