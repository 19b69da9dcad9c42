/**
 * A live table says `live` only after a read of it answered: paused while its copy loads, it stays
 * paused; resumed, it is catching up until the next poll answers, then live; resumed while its
 * server is down, it never turns live and ends in an error with a retry time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNoticeBody } from '../../../kernel/protocol';
import { LiveBed, rowsSql, statusOf } from './liveFixture';

let bed: LiveBed;

beforeAll(async () => {
  bed = await LiveBed.create([
    { name: 'truth_t', cdf: true, rows: rowsSql(0, 100) },
    { name: 'down_t', cdf: true, rows: rowsSql(0, 100) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

const statesOf = (table: string, from: number) =>
  bed.notices
    .slice(from)
    .filter((n): n is Extract<SessionNoticeBody, { type: 'live.status' }> => n.type === 'live.status' && n.table.endsWith(table))
    .map((n) => n.state);

describe('live only after a read answered', () => {
  it('a table paused while its copy loads stays paused; resumed, it catches up until a poll answers, then is live', async () => {
    const name = bed.name('truth_t');
    const from = bed.notices.length;
    const starting = bed.session.live.start(name, 500);
    // Paused as soon as the session holds it (its copy is still loading: a download and a table away).
    while (!bed.session.live.list().some((t) => t.table === name)) await new Promise((r) => setImmediate(r));
    expect(bed.session.live.list().find((t) => t.table === name)?.state).toBe('catching-up');
    const paused = await bed.session.live.pause(name);
    expect(paused.state).toBe('paused');
    const started = await starting;
    expect(started.state).toBe('paused');
    expect(bed.session.live.list().find((t) => t.table === name)?.state).toBe('paused');
    expect(statesOf('truth_t', from)).not.toContain('live');

    const resumedAt = bed.notices.length;
    const resumed = await bed.session.live.resume(name);
    expect(resumed.state).toBe('catching-up');
    await bed.waitFor(statusOf('truth_t', 'live'), resumedAt);
    expect(statesOf('truth_t', resumedAt)[0]).toBe('catching-up');
  }, 60_000);

  it('resumed while its server is down, it never says live: it catches up, then errors with a retry time', async () => {
    const name = bed.name('down_t');
    await bed.session.live.start(name, 500);
    await bed.session.live.pause(name);
    await bed.server.close();
    try {
      const from = bed.notices.length;
      await bed.session.live.resume(name);
      const error = await bed.waitFor(statusOf('down_t', 'error'), from);
      expect(error.retryAt).toBeGreaterThan(Date.now() - 1000);
      expect(statesOf('down_t', from)).toEqual(['catching-up', 'error']);
    } finally {
      await bed.startServer();
    }
  }, 60_000);
});
