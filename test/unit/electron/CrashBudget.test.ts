import { describe, expect, it } from 'vitest';
import { CrashBudget } from '../../../electron/CrashBudget';

describe('reviving a crashed window', () => {
  it('reloads a page that died twice a minute at most, then stops; a quiet minute restores the budget', () => {
    const b = new CrashBudget(2, 60_000);
    expect(b.spend(0)).toBe(true);
    expect(b.spend(10_000)).toBe(true);
    expect(b.spend(20_000)).toBe(false);
    expect(b.spend(200_000)).toBe(true);
  });
});
