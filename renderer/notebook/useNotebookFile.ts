/**
 * Which file the document belongs to, and the file operations: new, open, save, save as, and the
 * recovery copy of unsaved edits. The session key is fixed when a document is opened, so saving an
 * untitled notebook under a name keeps its session (and its variables).
 */
import { SiltError } from '../../common/SiltError';
import { withoutLargeOutputs } from './withoutLargeOutputs';
import { useCallback, useRef, useState } from 'react';
import type { NotebookModel } from '../../kernel/protocol/notebook';
import type { UntitledRecoveryInfo } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';
import type { DocumentApi } from './useDocument';

export interface FileState {
  path: string | null;
  /** The session's key: the path at open time or an untitled id. */
  sessionKey: string | null;
  untitledId: string | null;
  recovered: NotebookModel | null;
  /** When the recovered copy is another untitled notebook's: its key and what the banner says of it. */
  recoveredFrom: { key: string; label: string } | null;
  loaded: boolean;
  /** The last save found a credential Silt holds in the notebook and wrote [redacted] in its place. */
  secretsHidden?: boolean;
}

const NO_RECOVERY = { recovered: null, recoveredFrom: null } as const;

function untitledId(): string {
  return `untitled-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Shows the open path (or an untitled notebook's id) in the address bar, so a reload reopens the same
 * document with its unsaved edits, and drops the token from it.
 */
export function showInUrl(path: string | null, untitled: string | null = null): void {
  const u = new URL(location.href);
  u.searchParams.delete('token');
  if (path) u.searchParams.set('path', path);
  else u.searchParams.delete('path');
  if (!path && untitled) u.searchParams.set('untitled', untitled);
  else u.searchParams.delete('untitled');
  u.hash = '';
  history.replaceState(null, '', u.toString());
}

/** `?untitled=…`: the untitled notebook this tab had before a reload. */
function untitledFromUrl(): string | null {
  const id = new URL(location.href).searchParams.get('untitled');
  return id && /^untitled-[a-z0-9-]{1,64}$/.test(id) ? id : null;
}

/** "3 cells, “Revenue by region”, kept 14:02". */
function recoveryLabel(r: UntitledRecoveryInfo): string {
  const cells = r.cellCount === 1 ? '1 cell' : `${r.cellCount} cells`;
  const when = new Date(r.savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${cells}${r.title ? `, “${r.title}”` : ''}, kept ${when}`;
}

/** `?path=…` or `#path=…`. */
export function pathFromUrl(): string | null {
  const u = new URL(location.href);
  return u.searchParams.get('path') ?? new URLSearchParams(u.hash.replace(/^#/, '')).get('path');
}

export function useNotebookFile(client: KernelClient, docApi: DocumentApi) {
  const [file, setFile] = useState<FileState>({ path: null, sessionKey: null, untitledId: null, ...NO_RECOVERY, loaded: false });
  const current = useRef(file);
  current.current = file;

  const openPath = useCallback(
    async (path: string) => {
      const r = await client.request('notebook.open', { path });
      docApi.load(r.notebook);
      setFile({ path: r.path, sessionKey: r.path, untitledId: null, recovered: r.recovered ?? null, recoveredFrom: null, loaded: true });
      showInUrl(r.path);
    },
    [client, docApi],
  );

  const newNotebook = useCallback(async () => {
    const r = await client.request('notebook.new', {});
    docApi.load(r.notebook);
    const id = untitledId();
    setFile({ path: null, sessionKey: id, untitledId: id, ...NO_RECOVERY, loaded: true });
    showInUrl(null, id);
  }, [client, docApi]);

  /**
   * The first document of a tab without a path: after a reload, the same untitled notebook with its
   * unsaved edits; otherwise a new one, offering back the newest untitled notebook that was left
   * unsaved (a crash, a closed tab) and that no window has open.
   */
  const startUntitled = useCallback(async () => {
    const id = untitledFromUrl();
    const copy = id ? await client.request('notebook.openRecovery', { key: id }).catch(() => null) : null;
    if (id && copy) {
      docApi.load(copy.notebook, true);
      setFile({ path: null, sessionKey: id, untitledId: id, ...NO_RECOVERY, loaded: true });
      return;
    }
    await newNotebook();
    const { recoveries } = await client.request('notebook.recoveries', {}).catch(() => ({ recoveries: [] }));
    const newest = recoveries[0];
    if (!newest) return;
    const left = await client.request('notebook.openRecovery', { key: newest.key }).catch(() => null);
    if (left) setFile((f) => ({ ...f, recovered: left.notebook, recoveredFrom: { key: newest.key, label: recoveryLabel(newest) } }));
  }, [client, docApi, newNotebook]);

  /** Saves to `path` (relative to the workspace or absolute) and makes it the document's file. */
  const saveTo = useCallback(
    async (path: string) => {
      const { version, edits, doc } = docApi.latest.current;
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
      // The file then differs from the editor (it has [redacted] where the editor has the secret):
      // the document stays unsaved, and the banner says why.
      if (!r.secretsHidden) docApi.markSaved({ version, edits, model: doc.model });
      const stale = current.current.path ?? current.current.untitledId;
      // The recovery copy under the old key is now older than the file.
      if (stale) client.request('notebook.discardRecovery', { key: stale }).catch(() => undefined);
      setFile((f) => ({ ...f, path: r.path, untitledId: null, ...NO_RECOVERY, secretsHidden: Boolean(r.secretsHidden) }));
      showInUrl(r.path);
    },
    [client, docApi],
  );

  const restoreRecovery = useCallback(() => {
    const { recovered, recoveredFrom, untitledId: mine } = current.current;
    if (recovered) docApi.load(recovered, true);
    // The restored notebook carries on under its own key (session and copy), so its copy stays current,
    // a save discards it, and no other window is offered it while it is open here; the empty notebook
    // it replaced had no edits to keep.
    if (recoveredFrom) {
      if (mine) client.request('notebook.discardRecovery', { key: mine }).catch(() => undefined);
      showInUrl(null, recoveredFrom.key);
    }
    setFile((f) => ({ ...f, ...(recoveredFrom ? { untitledId: recoveredFrom.key, sessionKey: recoveredFrom.key } : {}), ...NO_RECOVERY }));
  }, [client, docApi]);

  const discardRecovery = useCallback(() => {
    const { path, recoveredFrom } = current.current;
    const key = recoveredFrom?.key ?? path;
    if (key) client.request('notebook.discardRecovery', { key }).catch(() => undefined);
    setFile((f) => ({ ...f, ...NO_RECOVERY }));
  }, [client]);

  return {
    ...file,
    autosaveKey: file.path ?? file.untitledId,
    openPath,
    newNotebook,
    startUntitled,
    saveTo,
    restoreRecovery,
    discardRecovery,
    dismissSecretsHidden: () => setFile((f) => ({ ...f, secretsHidden: false })),
  };
}
