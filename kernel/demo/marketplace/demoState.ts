/**
 * The demo's bookkeeping file next to its tables: the generator's state, the orders Silver must
 * keep erased, and the table versions both were saved at. A reopened demo trusts the file only if
 * every table is still at the version recorded, so a crash mid-tick cannot replay a batch.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MarketState } from './marketState';
import { atomicWrite } from '../../fs/atomicWrite';

export const STATE_FILE = 'marketplace-state.json';
const FORMAT = 1;

export interface DemoState {
  format: number;
  seed: number;
  market: MarketState;
  erasedOrders: string[];
  /** Latest version of each table (keyed `schema.name`) when the state was saved. */
  tableVersions: Record<string, number>;
}

export async function readDemoState(root: string): Promise<DemoState | undefined> {
  try {
    const state = JSON.parse(await readFile(join(root, STATE_FILE), 'utf8')) as DemoState;
    return state.format === FORMAT ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half a state. */
export async function writeDemoState(root: string, state: Omit<DemoState, 'format'>): Promise<void> {
  const file = join(root, STATE_FILE);
  atomicWrite(file, JSON.stringify({ format: FORMAT, ...state }));
}
