import { describe, expect, it } from 'vitest';
import { liveStatusView, versionLine } from '../../../renderer/live/liveStatus';
import type { LiveEntry } from '../../../renderer/live/useLive';

const now = 1_000_000;
const base: LiveEntry = { table: 'lab.s.orders', state: 'live', intervalMs: 2000, version: 7, mode: 'cdf', rowCount: 10 };

describe('liveStatusView', () => {
  it('live shows when it was last checked and offers Pause and Stop', () => {
    const v = liveStatusView({ ...base, polledAt: now - 3000, landedAt: now - 60_000 }, now);
    expect(v).toMatchObject({ dot: 'live', label: 'live', actions: ['pause', 'stop'] });
    expect(v.facts).toEqual(['checked 3 s ago']);
  });

  it('the version read when the table started has not landed: no "landed", no lag, its commit time told as such', () => {
    const t = { ...base, polledAt: now - 1000, landedAt: now - 1000, lagMs: 400 };
    expect(liveStatusView(t, now).facts).toEqual(['checked 1 s ago']);
    expect(liveStatusView({ ...t, state: 'paused' }, now).facts).toEqual([]);
    expect(versionLine(t, now)).toBe('v7 committed 1 s ago; read when the table started, no new version has landed since');
  });

  it('a version that arrived while watching says when it landed and its lag', () => {
    const t = { ...base, polledAt: now - 1000, landedAt: now - 5000, arrivedAt: now - 4000, lagMs: 1000 };
    expect(liveStatusView(t, now).facts).toEqual(['checked 1 s ago', 'landed 4 s ago', 'lag 1.0 s']);
    expect(liveStatusView({ ...t, state: 'paused' }, now).facts).toEqual(['landed 4 s ago', 'lag 1.0 s']);
    expect(versionLine(t, now)).toBe('v7 committed 5 s ago; landed here 4 s ago, 1.0 s after its commit');
  });

  it('a version whose commit time is unknown says so, and claims no lag from its arrival', () => {
    const t = { ...base, polledAt: now - 1000, arrivedAt: now - 4000 };
    expect(liveStatusView(t, now).facts).toEqual(['checked 1 s ago', 'landed 4 s ago']);
    expect(versionLine(t, now)).toBe('v7, commit time unknown; landed here 4 s ago');
  });

  it('a live table not polled for far longer than its interval is not shown green', () => {
    const v = liveStatusView({ ...base, polledAt: now - 60_000 }, now);
    expect(v.dot).toBe('overdue');
    expect(v.label).toBe('not polled');
  });

  it('a live table no poll has answered yet is shown starting, not green', () => {
    const v = liveStatusView({ ...base, polledAt: undefined }, now);
    expect(v).toMatchObject({ dot: 'catching-up', label: 'starting', facts: ['waiting for the first poll'] });
  });

  it('catching up shows what it reads and the share downloaded', () => {
    const v = liveStatusView({ ...base, state: 'catching-up', message: 'reading v8–v9', progress: { done: 250, total: 1000 } }, now);
    expect(v).toMatchObject({ dot: 'catching-up', label: 'catching up', facts: ['reading v8–v9', '25 %'] });
  });

  it('catching up never reads "100 %": every byte in is not done', () => {
    const v = liveStatusView({ ...base, state: 'catching-up', message: 'reading v8', progress: { done: 1000, total: 1000 } }, now);
    expect(v.facts).toEqual(['reading v8']);
  });

  it('an error that retries says when, by the clock, and offers no Retry', () => {
    const v = liveStatusView(
      { ...base, state: 'error', code: 'unavailable', message: 'server down; retrying in 8 s', retryAt: now + 7200 },
      now,
    );
    expect(v).toMatchObject({ label: 'error · unavailable', facts: ['retry in 8 s'], reason: 'server down', actions: ['pause', 'stop'] });
  });

  it('a version held back by an expectation says so and waits for a newer one, with no Retry', () => {
    const message = 'v8 of lab.s.orders is held back: rule "has_id" failed on 3 rows of the 40 rows it adds (id IS NOT NULL).';
    const v = liveStatusView({ ...base, state: 'error', code: 'conflict', message }, now);
    expect(v).toMatchObject({ label: 'held back', facts: ['waiting for a newer version'], reason: message, actions: ['pause', 'stop'] });
  });

  it('an error that cannot be retried says so and offers Retry', () => {
    const v = liveStatusView(
      { ...base, state: 'error', code: 'corrupt', message: 'a data file is damaged; retrying cannot help: fix the cause, then Retry' },
      now,
    );
    expect(v).toMatchObject({
      label: 'error · corrupt',
      facts: ['not retrying'],
      reason: 'a data file is damaged',
      actions: ['retry', 'stop'],
    });
  });

  it('paused and stopped offer Resume, and Start or dismiss', () => {
    expect(liveStatusView({ ...base, state: 'paused' }, now).actions).toEqual(['resume', 'stop']);
    const stopped = liveStatusView({ ...base, state: 'stopped', message: 'the session restarted' }, now);
    expect(stopped).toMatchObject({ dot: 'stopped', reason: 'the session restarted', actions: ['start', 'dismiss'] });
  });
});
