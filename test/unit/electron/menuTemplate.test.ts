/**
 * Every item of the desktop menu does something: it sends the id of a command the page really has
 * (the same list the palette and the help show), and a packaged app hides the developer tools.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/menuTemplate';
import { commandList, type WindowCommands } from '../../../renderer/commands/commandList';
import { panelCommands } from '../../../renderer/commands/panelCommands';
import { settingsCommand, storageSettingsCommand } from '../../../renderer/settings/settingsCommand';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

const noop = () => undefined;
const win = new Proxy({}, { get: () => noop }) as WindowCommands;
const pageCommands = new Set(
  commandList(noop, () => true, win, [...panelCommands(() => null), settingsCommand(noop), storageSettingsCommand(noop)]).map((c) => c.id),
);

describe('the desktop menu', () => {
  it('sends only command ids the page runs, one per item, and covers the toolbar', () => {
    const sent: string[] = [];
    const all = items(menuTemplate({ platform: 'linux', packaged: true, send: (id) => sent.push(id) }));
    for (const i of all) (i.click as (() => void) | undefined)?.();
    expect(sent.length).toBeGreaterThanOrEqual(15);
    expect(sent.filter((id) => !pageCommands.has(id))).toEqual([]);
    expect(new Set(sent).size).toBe(sent.length);
    for (const toolbar of [
      'notebook.new',
      'notebook.open',
      'notebook.save',
      'notebook.saveAs',
      'notebook.export',
      'run.all',
      'session.interrupt',
      'session.restart',
      'view.theme',
    ]) {
      expect(sent).toContain(toolbar);
    }
  });

  it('shows developer tools only outside a packaged app, and the app menu only on macOS', () => {
    const roles = (o: { platform: NodeJS.Platform; packaged: boolean }) => items(menuTemplate({ ...o, send: noop })).map((i) => i.role);
    expect(roles({ platform: 'linux', packaged: true })).not.toContain('toggleDevTools');
    expect(roles({ platform: 'linux', packaged: false })).toContain('toggleDevTools');
    expect(roles({ platform: 'darwin', packaged: true })).toContain('appMenu');
    expect(roles({ platform: 'win32', packaged: true })).toContain('quit');
  });
});
