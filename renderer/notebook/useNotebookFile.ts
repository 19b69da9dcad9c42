/**
 * Which file the document belongs to, and the file operations: new, open, save, save as, and the
 * recovery copy of unsaved edits. The session key is fixed when a document is opened, so saving an
 * untitled notebook under a name keeps its session (and its variables).
 */
import { SiltError } from '../../common/SiltError';
import { withoutLargeOutputs } from './withoutLargeOutputs';
import { useCallback, useRef, useState } from 'react';
import type { NotebookModel } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';
import type { DocumentApi } from './useDocument';

export interface FileState {
  path: string | null;
  /** The session's key: the path at open time or an untitled id. */
  sessionKey: string | null;
  untitledId: string | null;
  recovered: NotebookModel | null;
  loaded: boolean;
}

function untitledId(): string {
  return `untitled-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Shows the open path in the address bar (so reload reopens it) and drops the token from it. */
function showPathInUrl(path: string | null): void {
  const u = new URL(location.href);
  u.searchParams.delete('token');
  if (path) u.searchParams.set('path', path);
  else u.searchParams.delete('path');
  u.hash = '';
  history.replaceState(null, '', u.toString());
}

/** `?path=…` or `#path=…`. */
export function pathFromUrl(): string | null {
  const u = new URL(location.href);
  return u.searchParams.get('path') ?? new URLSearchParams(u.hash.replace(/^#/, '')).get('path');
}

export function useNotebookFile(client: KernelClient, docApi: DocumentApi) {
  const [file, setFile] = useState<FileState>({ path: null, sessionKey: null, untitledId: null, recovered: null, loaded: false });
  const current = useRef(file);
  current.current = file;

  const openPath = useCallback(
    async (path: string) => {
      const r = await client.request('notebook.open', { path });
      docApi.load(r.notebook);
      setFile({ path: r.path, sessionKey: r.path, untitledId: null, recovered: r.recovered ?? null, loaded: true });
      showPathInUrl(r.path);
    },
    [client, docApi],
  );

  const newNotebook = useCallback(async () => {
    const r = await client.request('notebook.new', {});
    docApi.load(r.notebook);
    const id = untitledId();
    setFile({ path: null, sessionKey: id, untitledId: id, recovered: null, loaded: true });
    showPathInUrl(null);
  }, [client, docApi]);

  /** Saves to `path` (relative to the workspace or absolute) and makes it the document's file. */
  const saveTo = useCallback(
    async (path: string) => {
      const { version, doc } = docApi.latest.current;
      const r = await client.request('notebook.save', { path, notebook: doc.model }).catch(async (e: Error) => {
        if (!(e instanceof SiltError) || e.code !== 'too-large') throw e;
        // Too big to save: keep the work in a recovery copy the next open offers back, and say so.
        const key = current.current.path ?? current.current.untitledId ?? path;
        const kept = await client.request('notebook.autosave', { key, notebook: withoutLargeOutputs(doc.model) }).then(
          () => 'Your edits are kept in a recovery copy without the biggest outputs.',
          () => 'No recovery copy could be written either.',
        );
        throw new SiltError('too-large', `${e.message} ${kept} Clear some outputs and save again.`);
      });
      docApi.markSaved(version);
      const stale = current.current.path ?? current.current.untitledId;
      // The recovery copy under the old key is now older than the file.
      if (stale) client.request('notebook.discardRecovery', { key: stale }).catch(() => undefined);
      setFile((f) => ({ ...f, path: r.path, untitledId: null, recovered: null }));
      showPathInUrl(r.path);
    },
    [client, docApi],
  );

  const restoreRecovery = useCallback(() => {
    const { recovered } = current.current;
    if (recovered) docApi.load(recovered, true);
    setFile((f) => ({ ...f, recovered: null }));
  }, [docApi]);

  const discardRecovery = useCallback(() => {
    const { path } = current.current;
    if (path) client.request('notebook.discardRecovery', { key: path }).catch(() => undefined);
    setFile((f) => ({ ...f, recovered: null }));
  }, [client]);

  return { ...file, autosaveKey: file.path ?? file.untitledId, openPath, newNotebook, saveTo, restoreRecovery, discardRecovery };
}
