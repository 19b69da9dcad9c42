/**
 * A workspace folder: a breadcrumb from the workspace down, an up button, its folders and notebooks.
 * Shared by Open and Save as; the dialog decides what choosing a file means.
 */
import { useState } from 'react';
import type { FileEntry } from '../../../kernel/protocol/messages';
import { breadcrumb, folderOf } from './savePath';
import type { FolderListing } from './useFolder';
import './FolderBrowser.css';

interface Props {
  root: string | null;
  listing: FolderListing | null;
  selected?: string | null;
  onDir(dir: string): void;
  onFile(entry: FileEntry): void;
  onFileActivate(entry: FileEntry): void;
  /** Offers "New folder" when given; a rejection's message is shown beside the name field. */
  onNewFolder?(name: string): Promise<void>;
}

export function FolderBrowser({ root, listing, selected, onDir, onFile, onFileActivate, onNewFolder }: Props) {
  const dir = listing?.dir ?? null;
  const atRoot = !dir || !root || dir === root.replace(/[\\/]+$/, '');
  const crumbs = dir && root ? breadcrumb(root, dir) : [];
  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'dir' || e.name.endsWith('.ipynb'));
  return (
    <div className="folder-browser" data-testid="folder-browser">
      <div className="folder-bar">
        <button
          className="folder-up"
          title="Up one folder"
          aria-label="Up one folder"
          data-testid="folder-up"
          disabled={atRoot}
          onClick={() => dir && onDir(folderOf(dir))}
        >
          ↑
        </button>
        <nav className="folder-crumbs" aria-label="Folder" data-testid="folder-crumbs">
          {crumbs.length === 0 && <span className="folder-crumb">{dir ?? 'Loading…'}</span>}
          {crumbs.map((c, i) => (
            <span key={c.path} className="folder-crumb-wrap">
              {i > 0 && <span className="folder-sep">/</span>}
              {i === crumbs.length - 1 ? (
                <span className="folder-crumb current" aria-current="location" title={c.path}>
                  {c.label}
                </span>
              ) : (
                <button className="folder-crumb" title={c.path} onClick={() => onDir(c.path)}>
                  {c.label}
                </button>
              )}
            </span>
          ))}
        </nav>
        {onNewFolder && <NewFolder onCreate={onNewFolder} />}
      </div>
      <ul className="file-list" role="list">
        {entries.map((e) => (
          <li key={e.path}>
            <button
              className={`file-entry ${e.kind}${selected === e.path ? ' chosen' : ''}`}
              data-testid={e.kind === 'dir' ? 'folder-entry' : 'file-entry'}
              data-name={e.name}
              onClick={() => (e.kind === 'dir' ? onDir(e.path) : onFile(e))}
              onDoubleClick={() => e.kind === 'file' && onFileActivate(e)}
            >
              <span className="file-icon">{e.kind === 'dir' ? '▸' : '◇'}</span>
              {e.name}
            </button>
          </li>
        ))}
        {listing && entries.length === 0 && <li className="empty">No folders or notebooks here</li>}
      </ul>
    </div>
  );
}

/** "New folder": a button that becomes a name field; Enter makes the folder, Esc gives up. */
function NewFolder({ onCreate }: { onCreate(name: string): Promise<void> }) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (name === null) {
    return (
      <button className="folder-new" data-testid="folder-new" title="Make a folder here" onClick={() => setName('')}>
        + Folder
      </button>
    );
  }
  const create = () =>
    onCreate(name.trim()).then(
      () => {
        setName(null);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  return (
    <span className="folder-new-field">
      <input
        autoFocus
        data-testid="folder-new-name"
        aria-label="New folder name"
        aria-invalid={Boolean(error)}
        title={error ?? undefined}
        placeholder="folder name"
        spellCheck={false}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          // Keys here belong to the field: Enter must not save the notebook, Esc must not close the dialog.
          if (e.key === 'Enter' || e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
          }
          if (e.key === 'Enter' && name.trim()) void create();
          if (e.key === 'Escape') setName(null);
        }}
      />
      {error && (
        <span className="folder-new-error" role="alert" data-testid="folder-new-error">
          {error}
        </span>
      )}
    </span>
  );
}
