/** Live tables for components deep in the tree (cell headers, the catalog's table details). */
import { createContext, useContext } from 'react';
import type { LiveApi } from './useLive';

export const LiveContext = createContext<LiveApi | null>(null);

/** Null outside a notebook window (a component rendered on its own shows no live controls). */
export function useLiveTables(): LiveApi | null {
  return useContext(LiveContext);
}
