/** Open a notebook: browse the workspace (`files.list`), pick a recent file, or type a path. */
import { useEffect, useState } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from './Dialog';
import { FolderBrowser } from './files/FolderBrowser';
import { useFolder } from './files/useFolder';

export function OpenDialog({ client, onOpen, onCancel }: { client: KernelClient; onOpen(path: string): void; onCancel(): void }) {
  const [dir, setDir] = useState<string | undefined>(undefined);
  const { listing, error } = useFolder(client, dir);
  const [recent, setRecent] = useState<string[]>([]);
  const [path, setPath] = useState('');

  useEffect(() => {
    client.request('files.recent', {}).then(
      (r) => setRecent(r.paths),
      () => setRecent([]),
    );
  }, [client]);

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
        <FolderBrowser
          root={client.workspace}
          listing={listing}
          selected={path}
          onDir={setDir}
          onFile={(e) => setPath(e.path)}
          onFileActivate={(e) => onOpen(e.path)}
        />
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
