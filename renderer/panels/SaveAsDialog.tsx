/**
 * Save as: browse to a folder of the workspace, name the file (`.ipynb` is added), confirm before
 * replacing a notebook that is there. Paths that would leave the workspace are refused here, and
 * again by the host (which also sees symbolic links).
 */
import { useEffect, useRef, useState } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from './Dialog';
import { FolderBrowser } from './files/FolderBrowser';
import { folderOf, saveTarget, separatorOf } from './files/savePath';
import { useFolder } from './files/useFolder';

interface Props {
  client: KernelClient;
  /** The notebook's file, if it has one: Save as starts in its folder with its name. */
  currentPath: string | null;
  /** Saves; a rejection (the host refused, the disk is full) is shown in the dialog, which stays open. */
  onSave(path: string): Promise<void>;
  onCancel(): void;
}

function startFolder(root: string | null, current: string | null): string | undefined {
  if (!root || !current) return undefined;
  const base = root.replace(/[\\/]+$/, '');
  return current.startsWith(base + separatorOf(base)) ? folderOf(current) : undefined;
}

export function SaveAsDialog({ client, currentPath, onSave, onCancel }: Props) {
  const root = client.workspace;
  const [dir, setDir] = useState(() => startFolder(root, currentPath));
  const [name, setName] = useState(() => (currentPath ? (currentPath.split(/[\\/]/).pop() ?? '') : 'untitled.ipynb'));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { listing, error: listError } = useFolder(client, dir);
  const nameInput = useRef<HTMLInputElement>(null);

  // The name first (after Dialog focused its first control): select it without `.ipynb`, ready to type over.
  useEffect(() => {
    const input = nameInput.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(0, input.value.replace(/\.ipynb$/i, '').length);
  }, []);

  const target = listing ? saveTarget(listing.dir, name) : null;
  const nameError = target && 'error' in target && name.trim() !== '' ? target.error : null;
  const exists = Boolean(target && 'path' in target && listing?.entries.some((e) => e.kind === 'file' && e.path === target.path));

  const save = async () => {
    if (!target || 'error' in target) {
      setProblem(target && 'error' in target ? target.error : null);
      return;
    }
    if (exists && target.path !== currentPath && confirming !== target.path) {
      setConfirming(target.path);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSave(target.path);
    } catch (e) {
      setProblem((e as Error).message);
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Save notebook as"
      testId="save-as-dialog"
      okLabel={confirming ? 'Replace' : 'Save'}
      okDisabled={busy || !target || 'error' in target}
      onOk={() => void save()}
      onCancel={onCancel}
      wide
    >
      <FolderBrowser
        root={root}
        listing={listing}
        selected={target && 'path' in target ? target.path : null}
        onDir={(d) => {
          setDir(d);
          setConfirming(null);
        }}
        onFile={(e) => {
          setName(e.name);
          setConfirming(null);
        }}
        onNewFolder={async (folder) => {
          if (!listing) return;
          const made = await client.request('files.mkdir', { dir: listing.dir, name: folder });
          setDir(made.path);
          setConfirming(null);
        }}
        onFileActivate={(e) => {
          setName(e.name);
          setConfirming(e.path === currentPath ? null : e.path);
        }}
      />
      {listError && <div className="dialog-error">{listError}</div>}
      <label className="field">
        <span>File name</span>
        <input
          ref={nameInput}
          data-testid="save-as-input"
          value={name}
          spellCheck={false}
          aria-invalid={Boolean(nameError)}
          onChange={(e) => {
            setName(e.target.value);
            setConfirming(null);
            setProblem(null);
          }}
          placeholder="analysis.ipynb"
        />
      </label>
      {nameError && (
        <div className="dialog-error" data-testid="save-as-error">
          {nameError}
        </div>
      )}
      {problem && !nameError && (
        <div className="dialog-error" role="alert" data-testid="save-as-error">
          {problem}
        </div>
      )}
      {confirming && target && 'path' in target && (
        <div className="save-confirm" role="alert" data-testid="save-as-confirm">
          {target.name} already exists in this folder. Replace it?
        </div>
      )}
    </Dialog>
  );
}
