import { describe, expect, it } from 'vitest';
import { guessTarget } from '../../../renderer/automl/guessTarget';

describe('the target the dialog preselects', () => {
  it('prefers a conventionally named column, else the last one', () => {
    expect(guessTarget([{ name: 'PassengerId' }, { name: 'Survived' }, { name: 'Fare' }])).toBe('Survived');
    expect(guessTarget([{ name: 'bill_length' }, { name: 'species' }, { name: 'island' }])).toBe('species');
    expect(guessTarget([{ name: 'region' }, { name: 'amount' }])).toBe('amount');
    expect(guessTarget([])).toBe('');
  });
});
