/** Open a notebook: browse the workspace (`files.list`), pick a recent file, or type a path. */
import { useEffect, useState } from 'react';
import type { FileEntry } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from './Dialog';

export function OpenDialog({ client, onOpen, onCancel }: { client: KernelClient; onOpen(path: string): void; onCancel(): void }) {
  const [dir, setDir] = useState<string | undefined>(undefined);
  const [listing, setListing] = useState<{ dir: string; entries: FileEntry[] } | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.request('files.list', dir === undefined ? {} : { dir }).then(setListing, (e: Error) => setError(e.message));
  }, [client, dir]);
  useEffect(() => {
    client.request('files.recent', {}).then(
      (r) => setRecent(r.paths),
      () => setRecent([]),
    );
  }, [client]);

  const parent = listing && listing.dir.replace(/[\\/][^\\/]*$/, '');
  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'dir' || e.name.endsWith('.ipynb'));

  return (
    <Dialog
      title="Open notebook"
      testId="open-dialog"
      okLabel="Open"
      okDisabled={!path.trim()}
      onOk={() => onOpen(path.trim())}
      onCancel={onCancel}
      wide
    >
      <div className="open-columns">
        <div className="open-files">
          <div className="open-dir" title={listing?.dir}>
            {parent && parent !== listing?.dir && (
              <button className="link" onClick={() => setDir(parent)}>
                ↑ up
              </button>
            )}
            <span>{listing?.dir ?? 'Loading…'}</span>
          </div>
          <ul className="file-list">
            {entries.map((e) => (
              <li key={e.path}>
                <button
                  className={`file-entry ${e.kind}`}
                  onClick={() => (e.kind === 'dir' ? setDir(e.path) : setPath(e.path))}
                  onDoubleClick={() => e.kind === 'file' && onOpen(e.path)}
                >
                  <span className="file-icon">{e.kind === 'dir' ? '▸' : '◇'}</span>
                  {e.name}
                </button>
              </li>
            ))}
            {listing && entries.length === 0 && <li className="empty">No notebooks here</li>}
          </ul>
        </div>
        <div className="open-recent">
          <div className="section-title">Recent</div>
          <ul className="file-list">
            {recent.map((p) => (
              <li key={p}>
                <button className="file-entry file" title={p} onClick={() => setPath(p)} onDoubleClick={() => onOpen(p)}>
                  {p.split(/[\\/]/).pop()}
                  <span className="file-dir">{p}</span>
                </button>
              </li>
            ))}
            {recent.length === 0 && <li className="empty">Nothing yet</li>}
          </ul>
        </div>
      </div>
      {error && <div className="dialog-error">{error}</div>}
      <label className="field">
        <span>Path</span>
        <input
          data-testid="open-path-input"
          value={path}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
          placeholder="notebooks/analysis.ipynb"
        />
      </label>
    </Dialog>
  );
}
