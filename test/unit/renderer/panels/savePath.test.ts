import { describe, expect, it } from 'vitest';
import { breadcrumb, folderOf, saveTarget } from '../../../../renderer/panels/files/savePath';

describe('saveTarget', () => {
  it('puts the name in the browsed folder and adds .ipynb when missing', () => {
    expect(saveTarget('/ws/reports', 'summary')).toEqual({ path: '/ws/reports/summary.ipynb', name: 'summary.ipynb' });
    expect(saveTarget('/ws/', ' q3.IPYNB ')).toEqual({ path: '/ws/q3.IPYNB', name: 'q3.IPYNB' });
    expect(saveTarget('/ws', 'sub/été.ipynb')).toEqual({ path: '/ws/sub/été.ipynb', name: 'été.ipynb' });
    expect(saveTarget('C:\\ws\\reports', 'q3')).toEqual({ path: 'C:\\ws\\reports\\q3.ipynb', name: 'q3.ipynb' });
  });

  it('refuses names that leave the folder or say nothing, with a reason', () => {
    expect(saveTarget('/ws', '')).toEqual({ error: 'Enter a file name.' });
    expect(saveTarget('/ws', '.ipynb')).toEqual({ error: 'Enter a file name.' });
    expect(saveTarget('/ws', '../x')).toMatchObject({ error: expect.stringMatching(/\.\./) });
    expect(saveTarget('/ws', 'a/../../x')).toMatchObject({ error: expect.stringMatching(/\.\./) });
    expect(saveTarget('/ws', '/etc/x.ipynb')).toMatchObject({ error: expect.stringMatching(/not a full path/) });
    expect(saveTarget('/ws', 'C:\\x.ipynb')).toMatchObject({ error: expect.stringMatching(/not a full path/) });
    expect(saveTarget('/ws', 'a//b')).toMatchObject({ error: expect.stringMatching(/empty folder/) });
  });
});

describe('breadcrumb', () => {
  it('lists the folders from the workspace down to the browsed one', () => {
    expect(breadcrumb('/home/ann/silt', '/home/ann/silt/reports/q3')).toEqual([
      { label: 'silt', path: '/home/ann/silt' },
      { label: 'reports', path: '/home/ann/silt/reports' },
      { label: 'q3', path: '/home/ann/silt/reports/q3' },
    ]);
    expect(breadcrumb('/home/ann/silt/', '/home/ann/silt')).toEqual([{ label: 'silt', path: '/home/ann/silt' }]);
    // A sibling folder whose name starts like the workspace's is not inside it.
    expect(breadcrumb('/home/ann/silt', '/home/ann/silt2')).toEqual([{ label: '/home/ann/silt2', path: '/home/ann/silt2' }]);
    expect(folderOf('/ws/reports/a.ipynb')).toBe('/ws/reports');
  });
});
