/** Opening or closing a side panel from outside it (the command palette) through a window event. */
export type SidePanel = 'variables' | 'outline';

const EVENT = 'silt:sidebar';

export function requestSidePanel(panel: SidePanel): void {
  window.dispatchEvent(new CustomEvent<SidePanel>(EVENT, { detail: panel }));
}

export function onSidePanelRequest(listener: (panel: SidePanel) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<SidePanel>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
