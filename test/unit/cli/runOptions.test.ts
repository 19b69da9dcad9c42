import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../../kernel/cli/runOptions';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const parse = (...argv: string[]) => parseRunOptions(['nb.ipynb', ...argv], NOW);
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('silt run options', () => {
  it('reads a full watch command line', () => {
    const o = parse(
      '--watch',
      '--to',
      'html',
      '--out',
      'r.html',
      '--publish',
      'daily=totals',
      '--publish-mode',
      'replace',
      '--max-updates',
      '3',
      '--until',
      '2026-12-03T18:00:00Z',
      '--poll',
      '1.5',
      '--allow-errors',
    );
    expect(o).toMatchObject({
      input: 'nb.ipynb',
      watch: true,
      to: 'html',
      out: 'r.html',
      publish: [{ name: 'daily', result: 'totals' }],
      publishMode: 'replace',
      maxUpdates: 3,
      until: Date.parse('2026-12-03T18:00:00Z'),
      pollMs: 1500,
      allowErrors: true,
    });
    expect(parseRunOptions(['--help']).help).toBe(true);
    expect(parseRunOptions(['-h']).help).toBe(true);
  });

  it('refuses what would only fail later, naming the option', () => {
    expect(refusal('--max-updates', '2')).toBe('--max-updates needs --watch');
    expect(refusal('--watch', '--max-updates', '0')).toMatch(/--max-updates takes a whole number of at least 1, not "0"/);
    expect(refusal('--watch', '--until', '2026-12-03')).toMatch(/--until takes an ISO 8601 time/);
    expect(refusal('--watch', '--until', '2026-12-03T11:00:00Z')).toMatch(/already past/);
    expect(refusal('--watch', '--poll', '0.1')).toMatch(/--poll takes seconds, at least 0\.5/);
    expect(refusal('--publish', 'daily')).toMatch(/--publish takes name=value/);
    expect(refusal('--publish', '2x=totals')).toMatch(/a published table's name is letters/);
    expect(refusal('--layout', 'dashboard')).toBe('--layout dashboard needs --to html or --to pdf');
    expect(refusal('--publish-mode', 'upsert')).toMatch(/append or replace, not "upsert"/);
  });
});
