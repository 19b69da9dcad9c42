/**
 * What a live table's strip item says, from its state alone (pure, so each state's wording is tested):
 * a headline, the facts beside it, and which actions it offers.
 */
import type { LiveEntry } from './useLive';
import { ago, duration } from './formatLive';

export type LiveAction = 'pause' | 'resume' | 'retry' | 'start' | 'stop' | 'dismiss';

export interface LiveStatusView {
  /** The dot's state: the table's own, or `overdue` when a live table has not been polled for too long. */
  dot: LiveEntry['state'] | 'overdue';
  /** One or two words: live, paused, catching up, error, stopped. */
  label: string;
  /** Short facts, in order. */
  facts: string[];
  /** The error's reason or why the table stopped (shown truncated, whole in the tooltip). */
  reason?: string;
  actions: LiveAction[];
}

/** A live table whose last poll is this much older than its interval is not shown as live. */
export function overdueAfter(intervalMs: number): number {
  return Math.max(3 * intervalMs, intervalMs + 10_000);
}

export function liveStatusView(t: LiveEntry, now: number): LiveStatusView {
  switch (t.state) {
    case 'live': {
      // Never polled (a table only just started, or known from an event before its status): not green
      // until a poll has answered.
      if (t.polledAt === undefined)
        return { dot: 'catching-up', label: 'starting', facts: ['waiting for the first poll'], actions: ['pause', 'stop'] };
      const overdue = t.polledAt !== undefined && now - t.polledAt > overdueAfter(t.intervalMs);
      return {
        dot: overdue ? 'overdue' : 'live',
        label: overdue ? 'not polled' : 'live',
        facts: [`checked ${ago(t.polledAt, now)}`, ...arrival(t, now)],
        actions: ['pause', 'stop'],
      };
    }
    case 'paused':
      return { dot: 'paused', label: 'paused', facts: arrival(t, now), actions: ['resume', 'stop'] };
    case 'catching-up': {
      const p = t.progress;
      // Every byte in is not done: the copy still takes them (the kernel then says so in its message).
      const pct = p && p.total > 0 && p.done < p.total ? `${Math.floor((100 * p.done) / p.total)} %` : undefined;
      return {
        dot: 'catching-up',
        label: 'catching up',
        facts: [...(t.message ? [t.message] : []), ...(pct ? [pct] : [])],
        actions: ['pause', 'stop'],
      };
    }
    case 'error': {
      // Held back by an expectation: polling goes on, and only a newer version is tried again.
      if (t.code === 'conflict' && /\bis held back\b/.test(t.message ?? '')) {
        return {
          dot: 'error',
          label: 'held back',
          facts: ['waiting for a newer version'],
          reason: t.message,
          actions: ['pause', 'stop'],
        };
      }
      const inS = t.retryAt !== undefined ? Math.max(0, Math.ceil((t.retryAt - now) / 1000)) : undefined;
      return {
        dot: 'error',
        label: t.code ? `error · ${t.code}` : 'error',
        facts: [inS === undefined ? 'not retrying' : inS === 0 ? 'retrying now' : `retry in ${inS} s`],
        reason: reasonOf(t.message),
        actions: inS === undefined ? ['retry', 'stop'] : ['pause', 'stop'],
      };
    }
    case 'stopped':
      return { dot: 'stopped', label: 'stopped', facts: [], reason: t.message, actions: ['start', 'dismiss'] };
  }
}

/**
 * "landed" and "lag" only for a version that arrived while the session watched: the version read
 * when the table started did not land, and its commit time is not an arrival (the tooltip tells it).
 */
function arrival(t: LiveEntry, now: number): string[] {
  if (t.arrivedAt === undefined) return [];
  return [`landed ${ago(t.arrivedAt, now)}`, ...(t.lagMs !== undefined ? [`lag ${duration(t.lagMs)}`] : [])];
}

/** The tooltip's line about the version the copy holds: when it was committed, and when it arrived, if it did. */
export function versionLine(t: LiveEntry, now: number): string {
  if (t.version < 0) return '';
  // The server may not tell a version's commit time: then it is said to be unknown, never guessed.
  const committed = t.landedAt !== undefined ? `v${t.version} committed ${ago(t.landedAt, now)}` : `v${t.version}, commit time unknown`;
  if (t.arrivedAt === undefined) return `${committed}; read when the table started, no new version has landed since`;
  return `${committed}; landed here ${ago(t.arrivedAt, now)}${t.lagMs !== undefined ? `, ${duration(t.lagMs)} after its commit` : ''}`;
}

/** The reason without the retry clause the kernel appends (the view says that part itself). */
function reasonOf(message: string | undefined): string | undefined {
  return message?.replace(/; (retrying in \d+ s|retrying cannot help: fix the cause, then Retry)$/, '');
}
