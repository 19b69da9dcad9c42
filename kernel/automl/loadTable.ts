/**
 * Reads a CSV or Parquet file into an AutoMLTable with DuckDB. Empty CSV fields become NULL, integer
 * and decimal columns become Float64Array (NaN = missing) so models can read them without copies.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import type { AutoMLTable, AutoMLValue } from './table';
import { AutoMLError } from './AutoMLError';
import { isNumericType } from '../../common/columnKind';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';

export async function loadTable(path: string): Promise<AutoMLTable> {
  if (!existsSync(path)) throw new AutoMLError(`Data file not found: ${path}`, 'not-found');
  const lit = quoteLiteral(path);
  const source = /\.parquet$/i.test(path) ? `read_parquet(${lit})` : `read_csv_auto(${lit}, header = true)`;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const desc = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const schema = desc.getRowObjectsJS() as { column_name: string; column_type: string }[];
    const select = schema.map(({ column_name, column_type }) => {
      const q = quoteIdent(column_name);
      return isNumericType(column_type) ? `CAST(${q} AS DOUBLE) AS ${q}` : q;
    });
    const reader = await conn.runAndReadAll(`SELECT ${select.join(', ')} FROM ${source}`);
    const cols = reader.getColumnsJS();
    return {
      columns: schema.map(({ column_name, column_type }, j) => {
        const raw = cols[j] as unknown[];
        if (isNumericType(column_type)) {
          const out = new Float64Array(raw.length);
          for (let i = 0; i < raw.length; i++) out[i] = raw[i] == null ? NaN : Number(raw[i]);
          return { name: column_name, values: out };
        }
        return { name: column_name, values: raw.map(toValue) };
      }),
    };
  } catch (e) {
    if (e instanceof AutoMLError) throw e;
    throw new AutoMLError(`Could not read ${path}: ${(e as Error).message}`, 'corrupt', { cause: e });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function toValue(v: unknown): AutoMLValue {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v;
  return String(v);
}
