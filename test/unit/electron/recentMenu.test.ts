/** File → Open Recent lists the host's recent notebooks, opens the one picked, and can be cleared. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/menuTemplate';
import { recentLabel } from '../../../electron/recentMenu';

function openRecent(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const file = template.find((i) => i.label === 'File')!.submenu as MenuItemConstructorOptions[];
  return file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
}

describe('File → Open Recent', () => {
  it('lists the recent notebooks, most recent first, and opens the one clicked', () => {
    const opened: string[] = [];
    let cleared = 0;
    const paths = ['/home/ana/reports/q3/Sales.ipynb', '/data/shared/Churn & Retention.ipynb'];
    const sub = openRecent(
      menuTemplate({
        platform: 'linux',
        packaged: true,
        send: () => undefined,
        recent: { paths, home: '/home/ana', open: (p) => opened.push(p), clear: () => cleared++ },
      }),
    );
    expect(sub.map((i) => i.label ?? i.type)).toEqual([
      'Sales.ipynb — ~/reports/q3',
      'Churn && Retention.ipynb — /data/shared',
      'separator',
      'Clear Recently Opened',
    ]);
    (sub[1].click as () => void)();
    expect(opened).toEqual(['/data/shared/Churn & Retention.ipynb']);
    (sub[3].click as () => void)();
    expect(cleared).toBe(1);
  });

  it('says there is nothing yet, without a Clear item, when the list is empty or unknown', () => {
    const empty = openRecent(
      menuTemplate({
        platform: 'darwin',
        packaged: true,
        send: () => undefined,
        recent: { paths: [], home: '/Users/ana', open: () => 0, clear: () => 0 },
      }),
    );
    expect(empty).toEqual([{ label: 'No Recent Notebooks', enabled: false }]);
    expect(openRecent(menuTemplate({ platform: 'linux', packaged: true, send: () => undefined }))).toEqual(empty);
  });

  it('shortens only the home folder itself to ~, not a folder that merely starts with its name', () => {
    expect(recentLabel('/home/ana/a.ipynb', '/home/ana')).toBe('a.ipynb — ~');
    expect(recentLabel('/home/anabel/a.ipynb', '/home/ana')).toBe('a.ipynb — /home/anabel');
  });
});
