import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteIdentIfNeeded, quoteLiteral } from '../../../common/sqlQuote';

const NAMES = ['sales', 'Order Date', 'say "hi"', 'a.b.c', 'städte_größe', '数据', 'select', "o'brien", 'x"; DROP TABLE t; --'];

describe('quoteIdent', () => {
  it('wraps a name in double quotes and doubles the quotes inside', () => {
    expect(quoteIdent('sales')).toBe('"sales"');
    expect(quoteIdent('say "hi"')).toBe('"say ""hi"""');
    expect(quoteIdent('a.b')).toBe('"a.b"');
    expect(quoteIdent('数据')).toBe('"数据"');
  });

  it('DuckDB reads back every name unchanged, even ones that try to end the quote', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const select = NAMES.map((n, i) => `${i} AS ${quoteIdent(n)}`).join(', ');
      const reader = await conn.runAndReadAll(`SELECT ${select}`);
      expect(reader.columnNames()).toEqual(NAMES);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});

describe('quoteIdentIfNeeded (SQL a person reads in the catalog)', () => {
  it('leaves plain names bare and quotes the rest', () => {
    expect(quoteIdentIfNeeded('daily_sales')).toBe('daily_sales');
    expect(quoteIdentIfNeeded('_x1')).toBe('_x1');
    expect(quoteIdentIfNeeded('Order Date')).toBe('"Order Date"');
    expect(quoteIdentIfNeeded('2024')).toBe('"2024"');
    expect(quoteIdentIfNeeded('a.b')).toBe('"a.b"');
    expect(quoteIdentIfNeeded('größe')).toBe('"größe"');
    expect(quoteIdentIfNeeded('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('quoteLiteral', () => {
  it('wraps a value in single quotes and doubles the quotes inside', () => {
    expect(quoteLiteral('/tmp/data.csv')).toBe("'/tmp/data.csv'");
    expect(quoteLiteral("o'brien")).toBe("'o''brien'");
    expect(quoteLiteral('')).toBe("''");
  });

  it('DuckDB reads back every value unchanged, newlines and injection attempts included', async () => {
    const values = [...NAMES, 'line 1\nline 2', "'); DROP TABLE t; --", '\\n stays two characters'];
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const reader = await conn.runAndReadAll(`SELECT ${values.map(quoteLiteral).join(', ')}`);
      expect(reader.getRowsJS()[0]).toEqual(values);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
