/**
 * `silt run --watch` with checks on a shared table that gets real commits: every new version is
 * checked (and recorded in the history under its version); when a FAIL UPDATE rule fails, the live
 * table holds the version back, the update delivers nothing (the last good report stays) and the run
 * exits 1 naming the rule.
 * The checks here are a `quality.check` TypeScript cell; an `EXPECT ON` cell is watched the same way
 * (common/live/sqlNames.ts counts its target as a use, unit-tested in planLiveRuns.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historySql } from '../../../kernel/quality/qualityHistory';
import { WatchBed } from '../../helpers/watchBed';

let bed: WatchBed;

beforeAll(async () => {
  bed = await WatchBed.start('silt-quality-watch-', ['orders']);
}, 60_000);

afterAll(() => bed?.close());

describe('expectations in silt run --watch', () => {
  it('checks each version; a failing FAIL UPDATE rule keeps the last good report and exits 1 naming the rule', async () => {
    const source =
      "const r = await quality.check('lab.s.orders', { has_name: 'name IS NOT NULL', small_ids: { condition: 'id < 1000', onViolation: 'fail' } })\n" +
      "console.log(`checked ${r.rows} rows of v${r.tableVersion}:`, r.ok ? 'all pass' : 'warnings')";
    const input = bed.writeNotebook('checks.ipynb', [{ id: 'c0', language: 'typescript', source }]);
    const report = join(bed.dir, 'checks.html');
    const workspace = join(bed.dir, 'ws');
    const w = bed.run([
      ...[input, '--profile', bed.profile, '--watch', '--poll', '0.5', '--max-updates', '2'],
      ...['--to', 'html', '--out', report, '--workspace', workspace],
    ]);
    const stdout = () => w.lines.join('\n');
    try {
      const v0 = Number(/v(\d+)/.exec(await w.waitLine(/^watching lab\.s\.orders v\d+/))![1]);
      const v1 = await bed.append('orders', 7);
      await w.waitLine(new RegExp(`^update 1 · lab\\.s\\.orders v${v1} · re-ran 1 cell · wrote `));
      const good = readFileSync(report, 'utf8');
      expect(good).toMatch(new RegExp(`checked \\d+ rows of v${v1}: all pass`));
      const v2 = await bed.append('orders', 5000);
      expect(await w.exited).toBe(1);
      // The check the cell ran made the rule the live table's: the bad version is held back before
      // any cell sees it, and the update fails.
      expect(stdout()).toMatch(/^update 2 · lab\.s\.orders · held back by an expectation; kept the files of the last good update/m);
      expect(w.stderr()).toMatch(
        new RegExp(`update 2: v${v2} of lab\\.s\\.orders is held back: rule "small_ids" failed on 1 row of the 1 row it adds`),
      );
      expect(readFileSync(report, 'utf8')).toBe(good);
      // One check per version, each recorded under the version it read.
      const rows = (
        await bed.conn.runAndReadAll(
          `SELECT table_version, failed FROM (${await historySql(workspace)}) WHERE rule = 'small_ids' ORDER BY checked_at`,
        )
      ).getRowsJson();
      // The cell's checks of the whole table, and the live table's checks of each increment.
      expect(rows).toEqual([
        [String(v0), '0'],
        [String(v1), '0'],
        [String(v1), '0'],
        [String(v2), '1'],
      ]);
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 120_000);
});
