/** What a running cell's progress line says: in the unit the run counts, never "0 B" for nothing counted. */
import { describe, expect, it } from 'vitest';
import { progressAmount } from '../../../renderer/cells/progressAmount';

describe('progressAmount', () => {
  it('counts bytes for downloads, seconds for an AutoML budget, steps for series', () => {
    expect(progressAmount({ label: 'Downloading', done: 8_100_000, total: 40_000_000, unit: 'bytes' })).toBe('8.1 MB of 40.0 MB');
    expect(progressAmount({ label: 'AutoML: trial 4', done: 12.4, total: 60, unit: 'seconds' })).toBe('12 s of 60 s');
    expect(progressAmount({ label: 'Forecast: series 3 of 1200', done: 3, total: 1200, unit: 'steps' })).toBe('3 of 1,200');
    expect(progressAmount({ label: 'Downloading', done: 2048, total: null, unit: 'bytes' })).toBe('2.0 KB');
  });

  it('says nothing while nothing is counted (a live re-run waiting for the running cell)', () => {
    expect(progressAmount({ label: 'Waits for the running cell: …', done: 0, total: null, unit: 'steps' })).toBeNull();
  });
});
