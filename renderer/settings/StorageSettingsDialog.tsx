/**
 * Storage settings: the download cache of shared tables, which every notebook's session shares. It
 * shows where the cache is, what it holds (measured from disk when the dialog opens and after each
 * action), the limit in effect and where it comes from; sets the limit (kept in settings.json, ahead
 * of SILT_CACHE_MAX); and empties the cache, leaving the files a running statement reads.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { StorageView } from '../../kernel/protocol';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from '../panels/Dialog';
import { fullness, limitText, usedText } from './storageText';
import './StorageSettingsDialog.css';

interface Props {
  client: KernelClient;
  onClose(): void;
  tabs?: ReactNode;
}

export function StorageSettingsDialog({ client, onClose, tabs }: Props) {
  const [view, setView] = useState<StorageView | null>(null);
  const [limit, setLimit] = useState('');
  // Shown under what it is about: the limit field, Empty cache, or the dialog (loading).
  const [error, setError] = useState<{ about: 'load' | 'limit' | 'empty'; message: string } | null>(null);
  const [done, setDone] = useState<{ about: 'limit' | 'empty'; message: string } | null>(null);
  const [busy, setBusy] = useState<'limit' | 'empty' | null>(null);

  const show = (v: StorageView) => {
    setView(v);
    setLimit(v.setting ?? '');
  };
  useEffect(() => {
    client.request('settings.storage', {}).then(show, (e: Error) => setError({ about: 'load', message: e.message }));
  }, [client]);

  const act = (what: 'limit' | 'empty') => {
    setBusy(what);
    setError(null);
    setDone(null);
    const ask =
      what === 'limit'
        ? client.request('settings.setStorage', { cacheMax: limit }).then((v) => {
            show(v);
            const message = v.setting ? `The limit is now ${v.setting}.` : 'No limit set here: SILT_CACHE_MAX or the default applies.';
            setDone({ about: 'limit', message });
          })
        : client.request('storage.emptyCache', {}).then((r) => {
            setView(r.view);
            setDone({ about: 'empty', message: r.message });
          });
    ask.catch((e: Error) => setError({ about: what, message: e.message })).finally(() => setBusy(null));
  };

  return (
    <Dialog title="Storage settings" testId="storage-settings-dialog" cancelLabel="Close" onCancel={onClose} wide>
      {tabs}
      {!view && !error && <p className="dialog-note">Loading…</p>}
      {view && (
        <>
          <dl className="storage-facts">
            <dt>Download cache</dt>
            <dd className="storage-path" data-testid="storage-cache-dir">
              {view.cacheDir}
            </dd>
            <dt>Holds</dt>
            <dd data-testid="storage-used">
              {usedText(view)}
              <span
                className="storage-meter"
                role="meter"
                aria-label="Cache use of its limit"
                aria-valuemin={0}
                aria-valuemax={view.limitBytes}
                aria-valuenow={Math.min(view.usedBytes, view.limitBytes)}
              >
                <span style={{ width: `${fullness(view) * 100}%` }} />
              </span>
            </dd>
            <dt>Limit</dt>
            <dd data-testid="storage-limit">{limitText(view)}</dd>
          </dl>
          {view.problem && (
            <p className="storage-problem" data-testid="storage-problem">
              {view.problem}
            </p>
          )}
          <label className="field">
            <span>Cache limit</span>
            <span className="storage-row">
              <input
                // Shown once the kernel answered, after the dialog's own first focus (a tab): take it here.
                autoFocus
                data-testid="storage-limit-input"
                value={limit}
                spellCheck={false}
                placeholder={view.fromEnvironment ?? 'e.g. 20GB or 500 MB'}
                onChange={(e) => setLimit(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && !busy && act('limit')}
              />
              <button className="btn" data-testid="storage-set-limit" disabled={busy !== null} onClick={() => act('limit')}>
                {busy === 'limit' ? 'Saving…' : 'Set limit'}
              </button>
            </span>
            <small className="storage-note">
              {view.fromEnvironment
                ? `Left empty: SILT_CACHE_MAX from the environment, ${view.fromEnvironment}.`
                : 'Left empty: half of the free disk space plus what the cache holds (SILT_CACHE_MAX is not set).'}{' '}
              Past the limit, the least recently used files go, never those a running statement reads.
            </small>
          </label>
          <Outcome about="limit" done={done} error={error} />
          <div className="storage-row">
            <button className="btn" data-testid="storage-empty" disabled={busy !== null} onClick={() => act('empty')}>
              {busy === 'empty' ? 'Emptying…' : 'Empty cache'}
            </button>
            <span className="storage-note">Removes every downloaded file; the next read of a table downloads it again.</span>
          </div>
          <Outcome about="empty" done={done} error={error} />
          <p className="dialog-note">
            Every notebook shares this cache, and a new limit applies to each at its next download. Kept in {view.file}.
          </p>
        </>
      )}
      <Outcome about="load" done={null} error={error} />
    </Dialog>
  );
}

type Said = { about: string; message: string } | null;

/** What an action did, or why it failed, under the part of the dialog it is about. */
function Outcome({ about, done, error }: { about: string; done: Said; error: Said }) {
  if (error?.about === about)
    return (
      <div className="dialog-error" role="alert" data-testid="storage-error">
        {error.message}
      </div>
    );
  if (done?.about === about)
    return (
      <p className="storage-done" role="status" data-testid="storage-done">
        {done.message}
      </p>
    );
  return null;
}
