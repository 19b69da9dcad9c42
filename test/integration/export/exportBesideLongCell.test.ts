/**
 * Exporting a result while another cell runs a query that only Interrupt ends: the export uses a
 * DuckDB connection of its own (as publishing does), so it neither waits for the long cell nor is
 * stopped by its Interrupt. Real DuckDB, a real Session, a real file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResult } from '../../../kernel/export/exportResult';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-export-beside-');
});
afterAll(() => s.close());

describe('an export beside a long cell', () => {
  it('writes the CSV while the long cell still runs, and the long cell still stops on Interrupt', async () => {
    const made = await s.exec('sql', "SELECT range AS n, 'row ' || range AS label FROM range(5000)", 'rows5k');
    const handle = (made.outputs[0] as { handle: string }).handle;
    const long = s.exec('sql', 'SELECT sum(hash(i)) FROM range(1000000000000) t(i)');
    let longEnded = false;
    void long.then(() => (longEnded = true));
    await new Promise((r) => setTimeout(r, 200));

    const summary = await exportResult(s.session.engine, { handle, format: 'csv', path: 'rows.csv', workspace: s.dir });
    expect(summary.rows).toBe(5000);
    const lines = readFileSync(join(s.dir, 'rows.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines[0]).toBe('n,label');
    expect(lines[5000]).toBe('4999,row 4999');
    expect(longEnded).toBe(false);

    s.session.interrupt();
    expect((await long).status).toBe('interrupted');
  }, 20_000);
});
