import { describe, expect, it } from 'vitest';
import { tabTitles } from '../../../../renderer/tabs/tabTitles';

describe('the tab strip’s titles', () => {
  it('numbers the second and later new notebooks in the order their tabs stand, and leaves named ones alone', () => {
    const shown = tabTitles([
      { id: 'a', title: 'Untitled' },
      { id: 'b', title: 'sales.ipynb' },
      { id: 'c', title: 'Untitled' },
      { id: 'd', title: 'Untitled' },
    ]).map((t) => `${t.id}:${t.title}`);
    expect(shown).toEqual(['a:Untitled', 'b:sales.ipynb', 'c:Untitled 2', 'd:Untitled 3']);
  });

  it('a single new notebook stays "Untitled"', () => {
    expect(tabTitles([{ title: 'Untitled' }, { title: 'x.ipynb' }]).map((t) => t.title)).toEqual(['Untitled', 'x.ipynb']);
  });
});
