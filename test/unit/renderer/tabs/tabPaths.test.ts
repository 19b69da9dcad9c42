/** Which notebook each tab shows, as the window answers the shell's "open this notebook". */
import { describe, expect, it } from 'vitest';
import { SiltError } from '../../../../common/SiltError';
import { absoluteIn, openFailureText, shownPaths, tabShowing } from '../../../../renderer/tabs/tabPaths';

describe('the notebooks the tabs show', () => {
  const tabs = [
    { id: 't1', requested: '/w/a.ipynb' },
    { id: 't2', requested: null },
    { id: 't3', requested: '/w/c.ipynb' },
    { id: 't4', requested: '/w/d.ipynb' },
  ];
  // t1 loaded its file and then opened another in place; t2 was saved under a name; t3 is still
  // loading; t4 loaded and then became a new untitled notebook.
  const info = { t1: { path: '/w/other.ipynb' }, t2: { path: '/w/b.ipynb' }, t3: {}, t4: { path: null } };

  it('is each tab’s own file once loaded, the one asked for while loading', () => {
    expect(shownPaths(tabs, info)).toEqual(['/w/other.ipynb', '/w/b.ipynb', '/w/c.ipynb']);
    expect(tabShowing(tabs, info, '/w/b.ipynb')).toBe('t2');
    expect(tabShowing(tabs, info, '/w/c.ipynb')).toBe('t3');
    expect(tabShowing(tabs, info, '/w/a.ipynb')).toBeUndefined();
    expect(tabShowing(tabs, info, '/w/d.ipynb')).toBeUndefined();
  });

  it('names the file when it could not be opened, and why', () => {
    expect(openFailureText('/w/gone.ipynb', new SiltError('not-found', 'No notebook at /w/gone.ipynb'))).toBe(
      '“gone.ipynb” could not be opened: there is no notebook at /w/gone.ipynb any more (moved, renamed or deleted).',
    );
    expect(openFailureText('C:\\w\\bad.ipynb', new SiltError('corrupt', 'bad.ipynb is not a notebook: line 1'))).toBe(
      '“bad.ipynb” could not be opened (C:\\w\\bad.ipynb): bad.ipynb is not a notebook: line 1',
    );
  });
});

describe('absoluteIn', () => {
  it('reads a path typed in Open… against the workspace, as the host does; an absolute one stays', () => {
    expect(absoluteIn('/home/ana/work', 'sales.ipynb')).toBe('/home/ana/work/sales.ipynb');
    expect(absoluteIn('/home/ana/work/', './q3/sales.ipynb')).toBe('/home/ana/work/q3/sales.ipynb');
    expect(absoluteIn('/home/ana/work', '/tmp/other.ipynb')).toBe('/tmp/other.ipynb');
    expect(absoluteIn('C:\\Users\\ana\\work', 'sales.ipynb')).toBe('C:\\Users\\ana\\work\\sales.ipynb');
    expect(absoluteIn('C:\\Users\\ana\\work', 'D:\\data\\x.ipynb')).toBe('D:\\data\\x.ipynb');
    expect(absoluteIn(null, 'sales.ipynb')).toBe('sales.ipynb');
  });
});
