import { DeltaTable } from '../../delta';
import type { DeltaCommitChanges, DeltaSnapshot, SnapshotAt } from '../../delta';

/** What the server needs from a Delta table; the kernel's DeltaTable provides exactly this. */
export interface TableSource {
  latestVersion(): Promise<number>;
  snapshot(at?: SnapshotAt): Promise<DeltaSnapshot>;
  versionAtOrAfter(timestampMs: number): Promise<number>;
  changes(startVersion: number, endVersion?: number): Promise<DeltaCommitChanges[]>;
}

export function openTableSource(root: string): TableSource {
  return DeltaTable.open(root);
}
