/**
 * Which tables a statement may change: a run whose statements all say `none` is not looked at for
 * changed results, so no statement that can change a table may say `none` (those it cannot place are `all`).
 */
import { StatementType } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { sqlWriteTargets, statementWriteTargets, writeTargets } from '../../../kernel/engine/writeTargets';

describe('writeTargets', () => {
  it('reads only: SELECT, EXPLAIN, SET, macros, COPY ... TO, views and indexes', () => {
    expect(writeTargets('SELECT * FROM orders', StatementType.SELECT)).toBe('none');
    expect(writeTargets('WITH x AS (SELECT 1) SELECT * FROM x', StatementType.SELECT)).toBe('none');
    expect(writeTargets('EXPLAIN SELECT 1', StatementType.EXPLAIN)).toBe('none');
    expect(writeTargets('SET threads = 2', StatementType.SET)).toBe('none');
    expect(writeTargets('CREATE MACRO twice(x) AS x * 2', StatementType.CREATE_FUNC)).toBe('none');
    expect(writeTargets("COPY orders TO 'out.csv'", StatementType.COPY)).toBe('none');
    expect(writeTargets("COPY (SELECT * FROM orders) TO 'out.parquet' (FORMAT parquet)", StatementType.COPY)).toBe('none');
    expect(writeTargets('CREATE OR REPLACE TEMP VIEW v AS SELECT 1', StatementType.CREATE)).toBe('none');
    expect(writeTargets('CREATE UNIQUE INDEX i ON orders (id)', StatementType.CREATE)).toBe('none');
    expect(writeTargets('DROP VIEW IF EXISTS v', StatementType.DROP)).toBe('none');
  });

  it('names the one table a DML or DDL statement changes, in lower case, whatever its quoting or schema', () => {
    expect(writeTargets('UPDATE orders SET amount = amount * 2', StatementType.UPDATE)).toEqual(['orders']);
    expect(writeTargets('-- double it\n/* all */ UPDATE "Orders" AS o SET amount = 1', StatementType.UPDATE)).toEqual(['orders']);
    expect(writeTargets('DELETE FROM main."we""ird" WHERE true', StatementType.DELETE)).toEqual(['we"ird']);
    expect(writeTargets('TRUNCATE TABLE orders', StatementType.DELETE)).toEqual(['orders']);
    expect(writeTargets('INSERT OR REPLACE INTO memory.main.orders SELECT 1', StatementType.INSERT)).toEqual(['orders']);
    expect(writeTargets('MERGE INTO orders USING n ON orders.id = n.id WHEN MATCHED THEN UPDATE', StatementType.MERGE_INTO)).toEqual([
      'orders',
    ]);
    expect(writeTargets("COPY orders FROM 'in.csv'", StatementType.COPY)).toEqual(['orders']);
    expect(writeTargets('DROP TABLE IF EXISTS orders', StatementType.DROP)).toEqual(['orders']);
    expect(writeTargets('CREATE OR REPLACE TABLE orders AS SELECT 1', StatementType.CREATE)).toEqual(['orders']);
    expect(writeTargets('ALTER TABLE orders ADD COLUMN x INTEGER', StatementType.ALTER)).toEqual(['orders']);
    // Names in any script, read whole (never a shorter name that happens to be a prefix).
    expect(writeTargets('DELETE FROM größe WHERE true', StatementType.DELETE)).toEqual(['größe']);
    expect(writeTargets('UPDATE "Größe".Mäßig SET x = 1', StatementType.UPDATE)).toEqual(['mäßig']);
    expect(writeTargets('UPDATE orders_2024 SET x = 1', StatementType.UPDATE)).toEqual(['orders_2024']);
  });

  it('says `all` of what it cannot place: a CTE before a write, a rename, a transaction, CALL, PRAGMA, EXPLAIN ANALYZE', () => {
    expect(writeTargets('WITH d AS (SELECT 1) DELETE FROM orders', StatementType.DELETE)).toBe('all');
    expect(writeTargets('ALTER TABLE other RENAME TO orders', StatementType.ALTER)).toBe('all');
    expect(writeTargets('COMMIT', StatementType.TRANSACTION)).toBe('all');
    expect(writeTargets('CALL some_procedure()', StatementType.CALL)).toBe('all');
    expect(writeTargets("PRAGMA import_database('dir')", StatementType.PRAGMA)).toBe('all');
    expect(writeTargets('EXPLAIN ANALYZE DELETE FROM orders', StatementType.EXPLAIN)).toBe('all');
    expect(writeTargets('DROP SCHEMA s CASCADE', StatementType.DROP)).toBe('all');
    expect(writeTargets('DROP SEQUENCE s CASCADE', StatementType.DROP)).toBe('all');
  });

  it('without DuckDB’s type, tells by the first words, and a text of several statements by all of them', () => {
    expect(writeTargets('SELECT 1')).toBe('none');
    expect(writeTargets('FROM orders')).toBe('none');
    expect(writeTargets('DELETE FROM "payments" WHERE NOT (amount IS NOT NULL)')).toEqual(['payments']);
    expect(writeTargets('WITH x AS (SELECT 1) SELECT * FROM x')).toBe('all');
    expect(sqlWriteTargets('SELECT 1; UPDATE a SET x = 1; INSERT INTO b VALUES (1)')).toEqual(['a', 'b']);
    expect(sqlWriteTargets("SELECT 'UPDATE a'; SELECT 2")).toBe('none');
    expect(sqlWriteTargets('SELECT 1; BEGIN')).toBe('all');
  });

  it('asks DuckDB for the type only when the words cannot tell', async () => {
    const asked: string[] = [];
    const typeOf = (text: string, type: StatementType) => () => (asked.push(text), Promise.resolve(type));
    expect(await statementWriteTargets('INSERT INTO log VALUES (1)', typeOf('insert', StatementType.INSERT))).toEqual(['log']);
    expect(await statementWriteTargets('WITH x AS (SELECT 1) SELECT * FROM x', typeOf('with select', StatementType.SELECT))).toBe('none');
    expect(await statementWriteTargets('WITH x AS (SELECT 1) DELETE FROM t', typeOf('with delete', StatementType.DELETE))).toBe('all');
    expect(await statementWriteTargets('PIVOT t ON a', () => Promise.resolve(undefined))).toBe('all');
    expect(asked).toEqual(['with select', 'with delete']);
  });
});
