import { formatBytes } from '../../common/formatBytes';
import type { RunProgress } from '../notebook/useRunner';

/**
 * "8.1 MB of 40 MB", "12 s of 60 s", "3 of 10"; nothing while nothing is counted yet (a run waiting
 * for another, a download before its size is known), rather than a "0 B" that says nothing true.
 */
export function progressAmount({ done, total, unit }: RunProgress): string | null {
  if (done === 0 && total === null) return null;
  const one =
    unit === 'bytes' ? formatBytes : unit === 'seconds' ? (n: number) => `${Math.round(n)} s` : (n: number) => n.toLocaleString('en-US');
  return total !== null ? `${one(done)} of ${one(total)}` : one(done);
}
