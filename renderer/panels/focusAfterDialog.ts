/**
 * Where the focus goes back when a dialog closes. Usually what opened it; but the toolbar may have
 * switched layout meanwhile (the window narrowed to 1024 px: the inline Export… became an item of the
 * File menu, or widened: the File menu gave way to inline buttons). The opener then left the page and
 * the focus would fall to the body. So the command is remembered, by test id (inline buttons and menu
 * items share them), and the focus goes to the control that now offers it: the same command inline,
 * or the menu button that holds it (its data-holds), or else the selected cell.
 */
export interface Opener {
  el: HTMLElement;
  /** The cell the opener sat in (a result's tools), so the equivalent is looked for in that cell. */
  scope: Element | null;
  /** The command: the opener's test id, or for a menu button the item chosen from it (data-chose). */
  command: string | undefined;
  testId: string | undefined;
}

export function noteOpener(el: HTMLElement): Opener {
  return { el, scope: el.closest('[data-testid="cell"]'), command: el.dataset.chose ?? el.dataset.testid, testId: el.dataset.testid };
}

const shown = (el: HTMLElement | null): el is HTMLElement => Boolean(el && el.getClientRects().length > 0 && !el.closest('[hidden]'));

export function focusTarget(o: Opener): HTMLElement | null {
  if (o.el.isConnected) return o.el;
  const root: ParentNode = o.scope?.isConnected ? o.scope : document;
  const byId = (id: string | undefined) =>
    id ? [...root.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`)].find(shown) : undefined;
  const holder = o.command ? [...root.querySelectorAll<HTMLElement>(`[data-holds~="${CSS.escape(o.command)}"]`)].find(shown) : undefined;
  return (
    byId(o.testId) ?? byId(o.command) ?? holder ?? document.querySelector<HTMLElement>('[data-testid="cell"][data-selected="true"]') ?? null
  );
}
