/**
 * A named result whose table later SQL changes: its grid said "100 rows" and paged rowids that no
 * longer match. The session now tells the window (`result.changed`, in words) and pages of it answer
 * `conflict`, until its cell runs again. Real DuckDB, a real Session in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import type { SessionNoticeBody } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';

const dir = mkdtempSync(join(tmpdir(), 'silt-changed-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let run = 0;
const exec = (code: string, name?: string) => session.execute({ runId: `r${++run}`, language: 'sql', code, ...(name ? { name } : {}) });
const changed = () => notices.filter((n) => n.type === 'result.changed');
/** Waits for the session's look after a run (it runs beside the next request, not before the answer). */
async function nextChange(count: number) {
  for (let i = 0; i < 200 && changed().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return changed();
}

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
});
afterAll(async () => {
  await session.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a named result whose table changes after its cell ran', () => {
  it('is reported with its new row count, refuses pages, and is current again once its cell re-runs', async () => {
    const made = await exec('SELECT range AS n FROM range(100)', 'nums');
    expect(made.status).toBe('ok');
    // An unrelated cell changes nothing: no notice.
    expect((await exec('SELECT 1')).status).toBe('ok');
    expect((await exec('DELETE FROM nums WHERE n < 10')).status).toBe('ok');
    const [notice] = await nextChange(1);
    expect(notice).toEqual({
      type: 'result.changed',
      handle: 'nums',
      message:
        'nums changed after this cell ran: it now has 90 rows, not 100. ' +
        'These are the rows the cell made; query nums to see it as it is now, or Run to make it again.',
    });
    const refused = await session.engine.page('nums', 0, 10).catch((e: unknown) => e as SiltError);
    expect(refused).toBeInstanceOf(SiltError);
    expect((refused as SiltError).code).toBe('conflict');
    // Said once, not after every later run.
    await exec('SELECT 2');
    await exec('SELECT 3');
    expect(changed()).toHaveLength(1);

    await exec('SELECT range AS n FROM range(100) WHERE range >= 10', 'nums');
    const page = await session.engine.page('nums', 0, 3);
    expect(page.map((r) => Number(r[0]))).toEqual([10, 11, 12]);
  });

  it('says so when the table is dropped', async () => {
    await exec('SELECT 42 AS answer', 'kept');
    const before = changed().length;
    await exec('DROP TABLE kept');
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toMatchObject({
      handle: 'kept',
      message: 'kept was dropped after this cell ran. These are the rows the cell made; Run makes the table again.',
    });
  });

  it('an expectation that drops rows in place marks the earlier grid of that table', async () => {
    await exec('SELECT range AS id, CASE WHEN range % 4 = 0 THEN NULL ELSE range END AS amount FROM range(40)', 'payments');
    const before = changed().length;
    const r = await exec('EXPECT ON payments\n  CONSTRAINT has_amount EXPECT (amount IS NOT NULL) ON VIOLATION DROP ROW');
    expect(r.status).toBe('ok');
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toMatchObject({
      handle: 'payments',
      message: expect.stringMatching(/^payments changed after this cell ran: it now has 30 rows, not 40\. /),
    });
  });
});
