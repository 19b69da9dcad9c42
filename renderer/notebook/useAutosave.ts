/**
 * Every few seconds while dirty, keeps a recovery copy of the unsaved document on the host. The
 * copy is the whole document, outputs included; outputs alone (a run, a live refresh) are not
 * edits, so they neither start a copy nor make the next open offer one.
 */
import { useEffect, useRef } from 'react';
import { SiltError } from '../../common/SiltError';
import { withoutLargeOutputs } from './withoutLargeOutputs';
import type { KernelClient } from '../kernel-client/KernelClient';
import { isDirty, type DocumentApi } from './useDocument';

const INTERVAL_MS = 3000;

export function useAutosave(client: KernelClient, docApi: DocumentApi, key: string | null): void {
  const lastSaved = useRef<{ key: string | null; version: number }>({ key: null, version: -1 });
  /** The notebook (by key) whose whole copy was refused as too large. */
  const overLimit = useRef<string | null>(null);
  // The timer reads the document through this stable ref: were it restarted on every edit or render,
  // someone typing steadily would never get a recovery copy.
  const latest = docApi.latest;

  useEffect(() => {
    if (key === null) return;
    const timer = setInterval(() => {
      const { doc, version } = latest.current;
      if (!isDirty(latest.current)) return;
      if (lastSaved.current.key === key && lastSaved.current.version === version) return;
      lastSaved.current = { key, version };
      // Once a notebook was too big to keep whole, later copies go without the biggest outputs
      // straight away, instead of uploading megabytes every few seconds only to be refused.
      const slim = overLimit.current === key;
      client
        .request('notebook.autosave', { key, notebook: slim ? withoutLargeOutputs(doc.model) : doc.model })
        .catch((e: Error) => {
          // Too big to keep whole: a copy without the biggest outputs still keeps every edit.
          if (!slim && e instanceof SiltError && e.code === 'too-large') {
            overLimit.current = key;
            return client.request('notebook.autosave', { key, notebook: withoutLargeOutputs(doc.model) });
          }
          throw e;
        })
        .catch((e: Error) => {
          lastSaved.current = { key: null, version: -1 };
          console.warn('Autosave failed:', e.message);
        });
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [client, latest, key]);
}
