/**
 * Calls `fn` at wall-clock time `at` (ms since the epoch). Node's setTimeout takes at most 2³¹−1 ms
 * (24.8 days) and fires at once for anything longer, which ended `--until` a month out immediately;
 * a long wait is a chain of shorter ones, each re-reading the clock. Returns a cancel function.
 */
const MAX_DELAY = 2 ** 31 - 1;

export function timerAt(at: number, fn: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = at - now();
    if (left <= 0) return fn();
    timer = setTimeout(arm, Math.min(left, MAX_DELAY));
  };
  arm();
  return () => clearTimeout(timer);
}
