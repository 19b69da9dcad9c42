import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from '../../../renderer/commands/fuzzyMatch';

const titles = ['Run all cells', 'Restart the session', 'Merge with the cell below', 'Move cell down', 'Save as…', 'Save'];

describe('fuzzy match for the command palette', () => {
  it('matches characters in order, ignoring case, and refuses what is not there', () => {
    expect(fuzzyMatch('mrg', 'Merge with the cell below')?.indices).toEqual([0, 2, 3]);
    expect(fuzzyMatch('RESTART', 'Restart the session')).not.toBeNull();
    expect(fuzzyMatch('gm', 'Merge')).toBeNull();
    expect(fuzzyMatch('xyz', 'Run all cells')).toBeNull();
  });

  it('ranks a substring over scattered letters, and keeps list order on ties and for an empty query', () => {
    expect(fuzzyFilter('restart', titles, (t) => t).map((r) => r.item)).toEqual(['Restart the session']);
    expect(fuzzyFilter('save', titles, (t) => t).map((r) => r.item)).toEqual(['Save as…', 'Save']);
    expect(fuzzyFilter('', titles, (t) => t).map((r) => r.item)).toEqual(titles);
    expect(fuzzyFilter('mcd', titles, (t) => t)[0].item).toBe('Move cell down');
  });

  it('prefers word starts for scattered letters', () => {
    // "rs": R(un)… has no word starting with s; R(estart the) S(ession) does.
    const ranked = fuzzyFilter('rs', ['Run cells', 'Restart the session'], (t) => t).map((r) => r.item);
    expect(ranked[0]).toBe('Restart the session');
  });
});
