/** `--until` a month out must wait a month: Node's setTimeout alone fires at once past 24.8 days. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { timerAt } from '../../../kernel/run/timerAt';

const DAY = 24 * 3600 * 1000;

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 11, 3) }));
afterEach(() => vi.useRealTimers());

describe('timerAt', () => {
  it('waits past setTimeout’s 24.8-day limit and fires at the time asked', () => {
    const at = Date.now() + 30 * DAY;
    let firedAt: number | null = null;
    timerAt(at, () => (firedAt = Date.now()));
    vi.advanceTimersByTime(25 * DAY);
    expect(firedAt).toBeNull();
    vi.advanceTimersByTime(5 * DAY - 1);
    expect(firedAt).toBeNull();
    vi.advanceTimersByTime(1);
    expect(firedAt).toBe(at);
  });

  it('fires at once for a time already past, and never after being cancelled', () => {
    let past = 0;
    timerAt(Date.now() - 1, () => past++);
    expect(past).toBe(1);
    let later = 0;
    const cancel = timerAt(Date.now() + 40 * DAY, () => later++);
    vi.advanceTimersByTime(26 * DAY);
    cancel();
    vi.advanceTimersByTime(30 * DAY);
    expect(later).toBe(0);
  });
});
