/**
 * Every check recorded in the quality history tells the window (`quality.checked`), so a quality
 * badge on screen reads the table's state again: an EXPECT ON cell, `quality.check` in TypeScript,
 * and a live table's increment, each once, naming the table as the check did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNoticeBody } from '../../../kernel/protocol';
import { lastCheck } from '../../../kernel/quality/qualityHistory';
import { Session } from '../../../kernel/session/Session';
import { checkIncrement } from '../../../kernel/session/quality/checkIncrement';

const dir = mkdtempSync(join(tmpdir(), 'silt-quality-checked-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let run = 0;
const exec = (language: 'sql' | 'typescript', code: string) => session.execute({ runId: `r${++run}`, language, code });
const checked = () => notices.filter((n) => n.type === 'quality.checked');
const state = async (table: string) => (await lastCheck((sql) => session.engine.query(sql), dir, table))?.state;

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
  expect((await exec('sql', 'CREATE TABLE orders AS SELECT i AS order_id, i * 2.0 AS amount FROM range(100) t(i)')).status).toBe('ok');
});
afterAll(async () => {
  await session?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('quality.checked', () => {
  it('follows an EXPECT ON cell, once its figures are in the history', async () => {
    expect(checked()).toEqual([]);
    const r = await exec('sql', 'EXPECT ON orders CONSTRAINT small EXPECT (amount < 100)');
    expect(r.status).toBe('ok');
    expect(checked()).toEqual([{ type: 'quality.checked', table: 'orders' }]);
    // What a badge reads when it hears it: amount reaches 198, so the warn rule fails.
    expect(await state('orders')).toBe('warn');
  });

  it('follows quality.check in a TypeScript cell', async () => {
    const r = await exec('typescript', "await quality.check('orders', { has_id: 'order_id IS NOT NULL' })");
    expect(r.status).toBe('ok');
    expect(checked()).toHaveLength(2);
    expect(await state('orders')).toBe('pass');
  });

  it('follows a live increment’s check', async () => {
    const v = await checkIncrement(session.quality(), 'orders', 'SELECT * FROM (VALUES (100, 5000.0)) v(order_id, amount)', 3);
    expect(v?.hold).toBe(false);
    expect(checked()).toHaveLength(3);
    expect(checked()[2]).toEqual({ type: 'quality.checked', table: 'orders' });
  });
});
