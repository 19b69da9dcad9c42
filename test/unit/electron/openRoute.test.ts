/**
 * Where a notebook from the OS (a double-click forwarded by a second launch, macOS open-file) or from
 * File → Open Recent goes: the tab already showing it, else a new tab of the window used last, else a
 * new window when none is open; a file that is not there opens nothing. The registry behind it keeps
 * what each window's page reported and holds requests for a page that is not listening yet.
 */
import { describe, expect, it } from 'vitest';
import { routeOpen, samePath } from '../../../electron/openRoute';
import { TabRegistry } from '../../../electron/TabRegistry';

const SALES = '/home/ana/reports/Sales.ipynb';
const CHURN = '/home/ana/Churn.ipynb';
const NEW = '/home/ana/new.ipynb';

describe('routing a notebook from outside the page', () => {
  it('shows the tab that has it, in whichever window, instead of opening it twice', () => {
    const windows = [
      { id: 1, paths: [CHURN], focusedAt: 5 },
      { id: 2, paths: [SALES, NEW], focusedAt: 3 },
    ];
    expect(routeOpen(SALES, true, windows, 'linux')).toEqual({ kind: 'focus-tab', windowId: 2 });
  });

  it('adds a tab to the window used last, not to the first or the newest', () => {
    const windows = [
      { id: 1, paths: [CHURN], focusedAt: 2 },
      { id: 2, paths: [], focusedAt: 7 },
      { id: 3, paths: [SALES], focusedAt: 4 },
    ];
    expect(routeOpen(NEW, true, windows, 'linux')).toEqual({ kind: 'add-tab', windowId: 2 });
    // No window had focus yet (all just opened): the newest one.
    expect(
      routeOpen(
        NEW,
        true,
        [
          { id: 4, paths: [], focusedAt: 0 },
          { id: 9, paths: [], focusedAt: 0 },
        ],
        'linux',
      ),
    ).toEqual({
      kind: 'add-tab',
      windowId: 9,
    });
  });

  it('opens a new window only when none is open', () => {
    expect(routeOpen(NEW, true, [], 'linux')).toEqual({ kind: 'new-window' });
  });

  it('opens nothing for a file that is not there, unless a tab still has its notebook', () => {
    const windows = [{ id: 1, paths: [SALES], focusedAt: 1 }];
    expect(routeOpen('/home/ana/gone.ipynb', false, windows, 'linux')).toEqual({ kind: 'missing' });
    expect(routeOpen('/home/ana/gone.ipynb', false, [], 'linux')).toEqual({ kind: 'missing' });
    expect(routeOpen(SALES, false, windows, 'linux')).toEqual({ kind: 'focus-tab', windowId: 1 });
  });

  it('treats paths differing in case as one file on macOS and Windows, two on Linux', () => {
    const windows = [{ id: 1, paths: [SALES], focusedAt: 1 }];
    const other = '/home/ana/reports/sales.ipynb';
    expect(routeOpen(other, true, windows, 'darwin')).toEqual({ kind: 'focus-tab', windowId: 1 });
    expect(routeOpen(other, true, windows, 'linux')).toEqual({ kind: 'add-tab', windowId: 1 });
    expect(samePath('C:\\Users\\Ana\\a.ipynb', 'c:\\users\\ana\\A.ipynb', 'win32')).toBe(true);
    expect(samePath('/home/ana/./reports/../a.ipynb', '/home/ana/a.ipynb', 'linux')).toBe(true);
  });
});

describe('the windows the shell knows', () => {
  it('holds notebooks for a page still loading and hands them over with its first report', () => {
    const reg = new TabRegistry();
    reg.add(1, SALES);
    // The launch's own notebook is the window's address: asking for it again sends nothing more.
    expect(reg.deliver(1, SALES)).toBe('none');
    expect(reg.deliver(1, CHURN)).toBe('queued');
    // Asked again before the page listens: it counts as shown there already, so no second tab.
    expect(routeOpen(CHURN, true, reg.snapshot(), 'linux')).toEqual({ kind: 'focus-tab', windowId: 1 });
    expect(reg.deliver(1, CHURN)).toBe('none');
    expect(reg.report(1, [SALES])).toEqual([CHURN]);
    expect(reg.snapshot()).toEqual([{ id: 1, paths: [SALES, CHURN], focusedAt: 0 }]);
    // Listening now: the next one is sent at once, and nothing waits any more.
    expect(reg.deliver(1, NEW)).toBe('send');
    expect(reg.report(1, [SALES, CHURN, NEW])).toEqual([]);
  });

  it('holds requests again while a page reloads, and forgets a closed window', () => {
    const reg = new TabRegistry();
    reg.add(1, null);
    reg.report(1, [SALES]);
    reg.loading(1);
    expect(reg.deliver(1, CHURN)).toBe('queued');
    expect(reg.report(1, [])).toEqual([CHURN]);
    reg.remove(1);
    expect(routeOpen(NEW, true, reg.snapshot(), 'linux')).toEqual({ kind: 'new-window' });
  });

  it('sends to the window focused last, and takes in a window whose page reports without being opened for notebooks', () => {
    const reg = new TabRegistry();
    reg.add(1, SALES);
    reg.add(2, CHURN);
    reg.focus(2);
    reg.focus(1);
    expect(routeOpen(NEW, true, reg.snapshot(), 'linux')).toEqual({ kind: 'add-tab', windowId: 1 });
    reg.focus(2);
    expect(routeOpen(NEW, true, reg.snapshot(), 'linux')).toEqual({ kind: 'add-tab', windowId: 2 });
    reg.report(7, [NEW]);
    expect(routeOpen(NEW, true, reg.snapshot(), 'linux')).toEqual({ kind: 'focus-tab', windowId: 7 });
    // Focus of a window that takes no tabs (a dashboard) changes nothing.
    reg.focus(99);
    expect(reg.snapshot().map((w) => w.id)).toEqual([1, 2, 7]);
  });
});
