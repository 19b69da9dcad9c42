/** One workspace folder's listing (folders and notebooks), asked again when the folder or `version` changes. */
import { useEffect, useState } from 'react';
import type { FileEntry } from '../../../kernel/protocol/messages';
import type { KernelClient } from '../../kernel-client/KernelClient';

export interface FolderListing {
  dir: string;
  entries: FileEntry[];
}

export function useFolder(client: KernelClient, dir: string | undefined, version = 0) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.request('files.list', dir === undefined ? {} : { dir }).then(
      (r) => {
        if (!live) return;
        setListing(r);
        setError(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, dir, version]);
  return { listing, error };
}
