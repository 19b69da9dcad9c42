/**
 * Leaving a notebook with edits (New, Open, a recent file) first asks "Save changes to X?" in
 * Silt's own dialog: Save (an untitled notebook goes through Save as first), Don't save, Cancel.
 * Closing the tab while dirty gets the browser's own prompt (the only one a page may show then).
 * Not in the desktop shell: Electron shows no such prompt, it silently refuses to close or reload
 * the window (which the shell does to a page that died). Outputs alone never ask: they are not
 * edits (see useDocument).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isDirty, type DocumentApi } from './useDocument';

interface Options {
  /** Saves to the notebook's file; rejects when the notebook has none yet or the save fails. */
  saveInPlace(): Promise<void> | null;
  /** Opens Save as; `savedAs` or `saveAsCancelled` below tells how it ended. */
  openSaveAs(): void;
  report(what: string, e: Error): void;
}

export function useLeaveGuard(docApi: DocumentApi, opts: Options) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const afterSaveAs = useRef<(() => void) | null>(null);
  const o = useRef(opts);
  o.current = opts;
  const dirty = isDirty(docApi.state);

  useEffect(() => {
    if (!dirty || 'siltDesktop' in window) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  /** Runs `proceed` now if there is nothing to lose, else once the person has chosen. */
  const leave = useCallback(
    (proceed: () => void) => {
      if (isDirty(docApi.latest.current)) setPending(() => proceed);
      else proceed();
    },
    [docApi.latest],
  );

  const save = () => {
    const proceed = pending;
    setPending(null);
    if (!proceed) return;
    const saving = o.current.saveInPlace();
    if (saving) saving.then(proceed, (e: Error) => o.current.report('Could not save', e));
    else {
      afterSaveAs.current = proceed;
      o.current.openSaveAs();
    }
  };

  const discard = () => {
    const proceed = pending;
    setPending(null);
    proceed?.();
  };

  return {
    leave,
    /** Whether the "Save changes?" dialog is showing. */
    asking: pending !== null,
    save,
    discard,
    cancel: () => setPending(null),
    /** Save as finished: go on with what the person was leaving for. */
    savedAs: () => {
      const proceed = afterSaveAs.current;
      afterSaveAs.current = null;
      proceed?.();
    },
    saveAsCancelled: () => {
      afterSaveAs.current = null;
    },
  };
}
