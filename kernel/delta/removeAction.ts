/** The `remove` action that takes a file out of the table in a new commit, deletion vector included. */
import type { DeltaFile } from './types';

export function removeAction(f: DeltaFile): object {
  return {
    remove: {
      path: f.path,
      deletionTimestamp: Date.now(),
      dataChange: true,
      extendedFileMetadata: true,
      partitionValues: f.partitionValues,
      size: f.size,
      ...(f.deletionVector ? { deletionVector: f.deletionVector } : {}),
    },
  };
}
