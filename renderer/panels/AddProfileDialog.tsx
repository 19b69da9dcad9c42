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
  /** The saved profile this one takes the place of, under the same name (its token was refused, say). */
  replacing?: string;
}

export function AddProfileDialog({ client, sessionId, onAdded, onCancel, replacing }: Props) {
  const [source, setSource] = useState('');
  const [name, setName] = useState(replacing ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = () => {
    if (!sessionId) return setError('No session is running.');
    setBusy(true);
    setError(null);
    const named = name.trim() ? { name: name.trim() } : {};
    client.request('catalog.addProfile', { sessionId, source: source.trim(), ...named, ...(replacing ? { replace: true } : {}) }).then(
      (r) => onAdded(r.name),
      (e: Error) => {
        setBusy(false);
        setError(withoutToken(e.message, source));
      },
    );
  };

  return (
    <Dialog
      title={replacing ? `Replace the profile ${replacing}` : 'Add a sharing profile'}
      testId="catalog-add-profile-dialog"
      okLabel={busy ? (replacing ? 'Replacing…' : 'Adding…') : replacing ? 'Replace' : 'Add'}
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
          readOnly={replacing !== undefined}
          spellCheck={false}
          placeholder="from the file name"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {replacing && (
        <p className="dialog-note" data-testid="catalog-replace-note">
          The new profile takes the place of the saved profile {replacing}, under the same name, so cells that name it keep working.
        </p>
      )}
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
