/**
 * danfo frames keep DuckDB's types, with real DuckDB values: a BIGINT beyond 2^53 is not rounded,
 * a DECIMAL shows with its scale and still does arithmetic as a number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichOutput, StreamOutput, TableOutput } from '../../../kernel/protocol';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-frametypes-');
  const r = await s.exec(
    'sql',
    `SELECT * FROM (VALUES (9007199254740993::BIGINT, 12.30::DECIMAL(10,2), 5::BIGINT, 1234567.5::DECIMAL(38,2)),
                           (-9007199254740995::BIGINT, 0.05::DECIMAL(10,2), 6::BIGINT, 2.25::DECIMAL(38,2))) t(big, price, small, wide)`,
    'typed',
  );
  expect(r.status).toBe('ok');
});
afterAll(async () => {
  await s.session.types.close();
  await s.close();
});

const value = (outputs: unknown[]) => (outputs.find((o) => (o as RichOutput).kind === 'rich') as RichOutput).data['text/plain'];

describe('a SQL result as a DataFrame', () => {
  it('keeps BIGINTs beyond 2^53 exact, as strings, and says so', async () => {
    const r = await s.exec('typescript', 'typed["big"].values');
    expect(value(r.outputs)).toBe("[ '9007199254740993', '-9007199254740995' ]");
    const note = r.outputs.find((o) => o.kind === 'stream') as StreamOutput;
    expect(note.name).toBe('stderr');
    expect(note.text).toContain('Column "big" (BIGINT) has values beyond ±2^53');
    // The Arrow table has them as Int64.
    const arrow = await s.exec('typescript', 'typed.arrow.getChild("big").get(0) === 9007199254740993n');
    expect(value(arrow.outputs)).toBe('true');
  });

  it('keeps BIGINTs that fit as numbers, so arithmetic works', async () => {
    const r = await s.exec('typescript', 'typed["small"].sum()');
    expect(value(r.outputs)).toBe('11');
  });

  it('does DECIMAL arithmetic as numbers', async () => {
    const r = await s.exec('typescript', 'typed["price"].sum()');
    expect(Number(value(r.outputs))).toBeCloseTo(12.35, 10);
  });

  it('shows the frame with DuckDB types and DECIMAL scale, and pages the same values', async () => {
    const r = await s.exec('typescript', 'typed');
    const table = r.outputs.find((o) => o.kind === 'table') as TableOutput;
    expect(table.columns).toEqual([
      { name: 'big', type: 'BIGINT' },
      { name: 'price', type: 'DECIMAL(10,2)' },
      { name: 'small', type: 'BIGINT' },
      { name: 'wide', type: 'DECIMAL(38,2)' },
    ]);
    expect(table.rows).toEqual([
      ['9007199254740993', '12.30', 5, '1234567.50'],
      ['-9007199254740995', '0.05', 6, '2.25'],
    ]);
    const page = await s.session.engine.page(table.handle!, 0, 10);
    expect(page.map((row) => row.map(String))).toEqual([
      ['9007199254740993', '12.30', '5', '1234567.50'],
      ['-9007199254740995', '0.05', '6', '2.25'],
    ]);
  });

  it('gives sql`…` results the same types', async () => {
    const r = await s.exec('typescript', 'const q = await sql`SELECT 12.30::DECIMAL(10,2) AS price, 42::BIGINT AS n`;\nq.sqlTypes');
    expect(value(r.outputs)).toBe("{ price: 'DECIMAL(10,2)', n: 'BIGINT' }");
  });
});
