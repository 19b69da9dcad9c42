/**
 * Expectation cells on local tables in a real session: figures equal hand-written DuckDB counts,
 * DROP ROW splits the input without losing a row (also when re-run), FAIL UPDATE fails the cell
 * naming the rule, bad syntax points at the rule, and each check lands in the Delta history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorOutput, StreamOutput, TableOutput } from '../../../kernel/protocol';
import { historySql } from '../../../kernel/quality/qualityHistory';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;
const N = 5000;

beforeAll(async () => {
  s = await inProcessSession('silt-quality-');
  // Every 7th amount is NULL, every 11th negative; makes (a small table) lists three of four makes.
  await s.exec(
    'sql',
    `CREATE TABLE orders AS SELECT i AS order_id, CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN -i ELSE i * 3 END AS amount,
       ['audi', 'bmw', 'fiat', 'kia'][i % 4 + 1] AS make FROM range(${N}) t(i);
     CREATE TABLE makes AS SELECT * FROM (VALUES ('audi'), ('bmw'), ('kia')) m(make);`,
  );
});
afterAll(() => s?.close());

const tables = (outputs: unknown[]) => outputs.filter((o): o is TableOutput => (o as TableOutput).kind === 'table');
const one = async (sql: string) => Number(Object.values((await s.session.engine.query(sql))[0])[0]);

describe('expectation cells', () => {
  it('stops on Interrupt and leaves the session answering', async () => {
    // A rule whose condition would take hours: only Interrupt ends this cell.
    const running = s.exec('sql', 'EXPECT ON orders\n  CONSTRAINT endless EXPECT ((SELECT count(*) FROM range(1000000000000)) > 0)');
    await new Promise((r) => setTimeout(r, 500));
    s.session.interrupt();
    const r = await running;
    expect(r.status).toBe('interrupted');
    expect((await s.exec('sql', 'SELECT 41 + 1 AS answer')).status).toBe('ok');
  }, 60_000);

  it('counts each rule as a hand-written query does; a NULL condition passes', async () => {
    const r = await s.exec(
      'sql',
      `EXPECT ON orders
         CONSTRAINT positive EXPECT (amount > 0),
         CONSTRAINT has_amount EXPECT (amount IS NOT NULL),
         CONSTRAINT known_make EXPECT (make IN (SELECT make FROM makes))`,
    );
    expect(r.status).toBe('ok');
    const [figures, failingRows] = tables(r.outputs);
    const expected = [
      ['positive', await one('SELECT count(*) FILTER (WHERE amount <= 0) FROM orders')],
      ['has_amount', await one('SELECT count(*) FILTER (WHERE amount IS NULL) FROM orders')],
      ['known_make', await one(`SELECT count(*) FILTER (WHERE make = 'fiat') FROM orders`)],
    ];
    expect(expected.every(([, n]) => (n as number) > 0)).toBe(true);
    expect(figures.rows.map((row) => [row[0], row[2], row[3], row[4]])).toEqual(
      expected.map(([name, failed]) => [name, N, N - (failed as number), failed]),
    );
    // Up to 5 failing rows per failing rule, each really failing its rule.
    expect(failingRows.columns.map((c) => c.name)).toEqual(['failed_rule', 'order_id', 'amount', 'make']);
    expect(failingRows.rowCount).toBe(15);
    for (const row of failingRows.rows) {
      if (row[0] === 'positive') expect(Number(row[2])).toBeLessThanOrEqual(0);
      if (row[0] === 'has_amount') expect(row[2]).toBeNull();
      if (row[0] === 'known_make') expect(row[3]).toBe('fiat');
    }
    const summary = r.outputs.find((o): o is StreamOutput => o.kind === 'stream')!.text;
    expect(summary).toContain('orders · 5,000 rows · 3 rules: 0 pass, 3 fail (positive, has_amount, known_make)');
  });

  it('DROP ROW filters the checked table in place, quarantines the rest, and re-running checks the same input', async () => {
    const cell = `EXPECT ON orders CONSTRAINT positive EXPECT (amount > 0) ON VIOLATION DROP ROW, CONSTRAINT audi_ok EXPECT (make <> 'audi' OR amount < 9000) ON VIOLATION DROP ROW`;
    const bad = await one(`SELECT count(*) FROM orders WHERE amount <= 0 OR (make = 'audi' AND amount >= 9000)`);
    for (let run = 0; run < 2; run++) {
      const r = await s.exec('sql', cell);
      expect(r.status).toBe('ok');
      expect(tables(r.outputs)[0].rows.map((row) => row[2])).toEqual([N, N]);
      expect(await one('SELECT count(*) FROM orders__quarantine')).toBe(bad);
      expect(await one('SELECT count(*) FROM orders')).toBe(N - bad);
      expect(await one('SELECT count(*) FROM orders WHERE amount <= 0')).toBe(0);
      // NULL amounts pass (the condition is NULL, not FALSE) and stay.
      expect(await one('SELECT count(*) FROM orders WHERE amount IS NULL')).toBeGreaterThan(0);
    }
    // A re-run whose FAIL UPDATE rule fails changes nothing: the table stays as the last good run left it.
    const failing = await s.exec('sql', `${cell}, CONSTRAINT never EXPECT (false) ON VIOLATION FAIL UPDATE`);
    expect(failing.status).toBe('error');
    expect(tables(failing.outputs)[0].rows.map((row) => row[2])).toEqual([N, N, N]);
    expect(await one('SELECT count(*) FROM orders')).toBe(N - bad);
    expect(await one('SELECT count(*) FROM orders__quarantine')).toBe(bad);
    // Put it back for the other tests.
    await s.exec('sql', 'INSERT INTO orders SELECT * FROM orders__quarantine');
  });

  it('a named cell writes the passing rows under its name and leaves the input as it was', async () => {
    const r = await s.exec('sql', `EXPECT ON orders CONSTRAINT positive EXPECT (amount > 0) ON VIOLATION DROP ROW`, 'good_orders');
    expect(r.status).toBe('ok');
    expect(await one('SELECT count(*) FROM good_orders')).toBe(await one('SELECT count(*) FROM orders WHERE amount > 0 OR amount IS NULL'));
    expect((await one('SELECT count(*) FROM good_orders')) + (await one('SELECT count(*) FROM good_orders__quarantine'))).toBe(N);
    expect(await one('SELECT count(*) FROM orders')).toBe(N);
  });

  it('FAIL UPDATE fails the cell naming the rule, after showing the figures, and writes nothing', async () => {
    const r = await s.exec(
      'sql',
      `EXPECT ON orders\n  CONSTRAINT fine EXPECT (true),\n  CONSTRAINT has_amount EXPECT (amount IS NOT NULL) ON VIOLATION FAIL UPDATE`,
      'never',
    );
    expect(r.status).toBe('error');
    expect(tables(r.outputs)[0].rows.map((row) => [row[0], row[1]])).toEqual([
      ['fine', 'warn'],
      ['has_amount', 'fail update'],
    ]);
    const err = r.outputs.find((o): o is ErrorOutput => o.kind === 'error')!;
    expect(err.ename).toBe('Expectation failed');
    expect(err.message).toContain('Rule "has_amount" failed on');
    expect(err.line).toBe(3);
    expect(await s.session.engine.tableNames()).not.toContain('never');
    // The catalog's badge for the table: its last check, failing, naming the rules that failed.
    const { check } = await sessionHandlers['quality.last'](s.session, { table: 'ORDERS' });
    expect(check).toMatchObject({ state: 'fail', tableVersion: null, rules: 2, failing: ['has_amount'] });
    expect(Date.now() - Date.parse(check!.checkedAt)).toBeLessThan(60_000);
  });

  it('bad syntax and a bad condition name the rule', async () => {
    const r = await s.exec('sql', 'EXPECT ON orders\n  CONSTRAINT ok EXPECT (amount > 0),\n  CONSTRAINT oops EXPECT (amount > 0');
    const err = r.outputs.find((o): o is ErrorOutput => o.kind === 'error')!;
    expect(err).toMatchObject({ ename: 'Expectation syntax error', line: 3 });
    expect(err.message).toContain('Rule "oops" (line 3, column 26)');
    const r2 = await s.exec('sql', 'EXPECT ON orders\n  CONSTRAINT ok EXPECT (amount > 0),\n  CONSTRAINT typo EXPECT (amonut > 0)');
    const err2 = r2.outputs.find((o): o is ErrorOutput => o.kind === 'error')!;
    expect(err2).toMatchObject({ ename: 'Expectation error', line: 3 });
    expect(err2.message).toMatch(/^Rule "typo" \(line 3\) cannot be checked: .*amonut/);
  });

  it('keeps every check in the workspace history, one row per rule', async () => {
    const sql = await historySql(s.dir);
    expect(sql).not.toBeNull();
    const rows = await s.session.engine.query(`SELECT rule, rows_checked, failed FROM (${sql}) ORDER BY checked_at, rule`);
    // First test: 3 rules; DROP ROW test: 2 rules × 2 runs, then 3 in its failing run; named cell: 1;
    // FAIL UPDATE: 2 (a failing check still counts). The Interrupt test's check never finished.
    expect(rows.length).toBe(3 + 4 + 3 + 1 + 2);
    expect(rows.filter((r) => r.rule === 'known_make')).toEqual([{ rule: 'known_make', rows_checked: BigInt(N), failed: BigInt(N / 4) }]);
  });
});

describe('reports', () => {
  it('open with a data-quality section: one line per expectation cell, failing, warning or passing', async () => {
    const { renderHtml } = await import('../../../kernel/report/renderHtml');
    const { renderMarkdown } = await import('../../../kernel/report/renderMarkdown');
    const sources = [
      'EXPECT ON orders CONSTRAINT has_id EXPECT (order_id IS NOT NULL)',
      'EXPECT ON orders CONSTRAINT positive EXPECT (amount > 0)',
      'EXPECT ON orders CONSTRAINT has_amount EXPECT (amount IS NOT NULL) ON VIOLATION FAIL UPDATE',
    ];
    const cells = [];
    for (const [i, source] of sources.entries()) {
      const r = await s.exec('sql', source);
      cells.push({ id: `c${i}`, type: 'code' as const, language: 'sql' as const, source, outputs: r.outputs, executionCount: i + 1 });
    }
    const nb = { cells, metadata: {} };
    const html = renderHtml(nb, { title: 'Orders' });
    const section = html.slice(html.indexOf('<h2>Data quality</h2>'), html.indexOf('</section>', html.indexOf('<h2>Data quality</h2>')));
    expect(section.match(/<td class="quality-(\w+)">/g)).toEqual([
      '<td class="quality-pass">',
      '<td class="quality-warn">',
      '<td class="quality-fail">',
    ]);
    expect(section).toContain('Expectation failed: Rule &quot;has_amount&quot; failed on');
    expect(html.indexOf('Data quality')).toBeLessThan(html.indexOf('<section class="cell code-cell">'));
    const md = renderMarkdown(nb, 'files', { title: 'Orders' }).text;
    expect(md).toContain(
      '## Data quality\n\n| State | Check |\n| --- | --- |\n| All pass | orders · 5,000 rows · 1 rule: all pass |\n| Warnings |',
    );
  });
});

describe('expectations.yml beside the notebook', () => {
  it("applies the team's rules to every check of the table; a cell's rule of the same name replaces one", async () => {
    const { writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(s.dir, 'expectations.yml');
    writeFileSync(file, 'orders:\n  positive: amount > 0\n  has_amount:\n    expect: amount IS NOT NULL\n    on_violation: fail update\n');
    try {
      const alone = await s.exec('sql', 'EXPECT ON orders');
      expect(alone.status).toBe('error');
      expect(JSON.stringify(alone.outputs)).toContain('Rule \\"has_amount\\" failed');
      const r = await s.exec(
        'sql',
        'EXPECT ON orders CONSTRAINT has_amount EXPECT (amount IS NOT NULL OR order_id % 7 = 0), CONSTRAINT mine EXPECT (true)',
      );
      expect(r.status).toBe('ok');
      const figures = r.outputs.find((o): o is TableOutput => o.kind === 'table')!;
      expect(figures.rows.map((row) => [row[0], row[1], row[4]])).toEqual([
        ['positive', 'warn', await one('SELECT count(*) FROM orders WHERE amount <= 0')],
        ['has_amount', 'warn', 0],
        ['mine', 'warn', 0],
      ]);
      expect(r.outputs.find((o): o is StreamOutput => o.kind === 'stream')!.text).toContain('3 rules (1 from expectations.yml)');
    } finally {
      rmSync(file);
    }
    const none = await s.exec('sql', 'EXPECT ON orders');
    expect(JSON.stringify(none.outputs)).toContain(
      'No rules for orders: write CONSTRAINT name EXPECT (condition) after it, or add a block for it to expectations.yml.',
    );
  });
});
