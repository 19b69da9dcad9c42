/**
 * Whether the notebook a component belongs to is the tab shown now. Several notebooks live in one
 * window (each with its own session); hidden ones stay mounted so they keep their state, but only
 * the shown one answers the keyboard, the desktop menu, find and panel requests, and owns the
 * window's title and address. Outside tabs (the dashboard, tests) everything is active.
 */
import { createContext, useContext, useRef, type MutableRefObject } from 'react';

export const ActiveTab = createContext(true);

export function useActiveTab(): boolean {
  return useContext(ActiveTab);
}

/** The same, readable from a listener registered once. */
export function useActiveTabRef(): MutableRefObject<boolean> {
  const active = useContext(ActiveTab);
  const ref = useRef(active);
  ref.current = active;
  return ref;
}
