import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonPredicate } from '../../../kernel/sharing/client';
import { pushdownHints } from '../../../kernel/session/sharing/pushdownHints';

let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => conn.closeSync());

const columns = { amount: 'double', city: 'string', day: 'date', id: 'long', blob: 'binary' };

/** The hints for the first statement of `sql`, parsed by DuckDB itself. */
async function hints(sql: string) {
  const r = await conn.runAndReadAll(`SELECT json_serialize_sql(${"'" + sql.replaceAll("'", "''") + "'"})`);
  const node = JSON.parse(String(r.getRowsJson()[0][0])).statements[0].node;
  const h = pushdownHints(node, 'demo.silver.orders');
  return { predicate: h.where ? (toJsonPredicate(h.where, columns) ?? undefined) : undefined, limit: h.limit };
}

const col = (name: string, valueType: string) => ({ op: 'column', name, valueType });
const lit = (value: string, valueType: string) => ({ op: 'literal', value, valueType });

describe('pushdownHints', () => {
  it('turns simple conjuncts into a JSON predicate typed by the table schema', async () => {
    const h = await hints(
      `SELECT * FROM "demo.silver.orders" o WHERE o.amount > 10 AND 'Lyon' = city AND day >= DATE '2026-01-01' AND upper(city) = 'X'`,
    );
    expect(h.predicate).toEqual({
      op: 'and',
      children: [
        { op: 'greaterThan', children: [col('amount', 'double'), lit('10', 'double')] },
        { op: 'equal', children: [col('city', 'string'), lit('Lyon', 'string')] },
        { op: 'greaterThanOrEqual', children: [col('day', 'date'), lit('2026-01-01', 'date')] },
      ],
    });
    expect(h.limit).toBeUndefined();
  });

  it('writes IN as an OR of equalities and keeps IS [NOT] NULL', async () => {
    const h = await hints(`SELECT * FROM "demo.silver.orders" WHERE id IN (1, 2) AND city IS NOT NULL`);
    expect(h.predicate).toEqual({
      op: 'and',
      children: [
        {
          op: 'or',
          children: [
            { op: 'equal', children: [col('id', 'long'), lit('1', 'long')] },
            { op: 'equal', children: [col('id', 'long'), lit('2', 'long')] },
          ],
        },
        { op: 'not', children: [{ op: 'isNull', children: [col('city', 'string')] }] },
      ],
    });
  });

  it('drops an OR when one side cannot be expressed (a partial OR would lose rows)', async () => {
    expect((await hints(`SELECT * FROM "demo.silver.orders" WHERE city = 'a' OR length(city) = 3`)).predicate).toBeUndefined();
  });

  it('passes a LIMIT only for plain scans', async () => {
    expect((await hints(`SELECT id, city FROM "demo.silver.orders" WHERE amount > 1 LIMIT 20 OFFSET 5`)).limit).toBe(25);
    expect((await hints(`SELECT * FROM "demo.silver.orders" ORDER BY id LIMIT 20`)).limit).toBeUndefined();
    expect((await hints(`SELECT count(*) FROM "demo.silver.orders" LIMIT 20`)).limit).toBeUndefined();
    expect((await hints(`SELECT city, sum(amount) FROM "demo.silver.orders" GROUP BY city LIMIT 2`)).limit).toBeUndefined();
  });

  it('gives nothing for joins or other tables', async () => {
    expect(await hints(`SELECT * FROM "demo.silver.orders" a JOIN other b USING (id) WHERE amount > 1 LIMIT 3`)).toEqual({
      predicate: undefined,
      limit: undefined,
    });
    expect(await hints(`SELECT * FROM other WHERE amount > 1`)).toEqual({ predicate: undefined, limit: undefined });
  });
});
