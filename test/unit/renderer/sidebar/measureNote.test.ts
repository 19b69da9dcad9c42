import { describe, expect, it } from 'vitest';
import { measureNote } from '../../../../renderer/sidebar/measureNote';

describe('measureNote: a TEMP table’s size while a cell runs', () => {
  it('says a kept measure is the last known one, and when it was taken', () => {
    const note = measureNote({ measure: 'last-known', measuredAt: Date.UTC(2026, 0, 1, 9, 5, 7) });
    expect(note?.words).toBe('last known');
    expect(note?.title).toMatch(/^Measured at \d\d:\d\d:07, before the running cell: only its connection sees this TEMP table/);
  });

  it('says one never measured is measured after the run, and says nothing of one measured now', () => {
    expect(measureNote({ measure: 'after-run' })?.words).toBe('size unknown');
    expect(measureNote({})).toBeNull();
  });
});
