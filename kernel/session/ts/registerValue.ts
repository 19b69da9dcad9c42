/**
 * `register(name, value)` in TypeScript cells: a DataFrame, an Arrow table or an array of objects
 * becomes a table SQL cells can read by that name.
 */
import { isPlainIdentifier } from '../../../common/sqlQuote';
import type { DuckEngine } from '../../engine/DuckEngine';
import { rowObjects } from '../../engine/rowObjects';
import { asTable } from '../displayValue';
import { dataFrameRecords } from '../toDataFrame';

export async function registerValue(engine: DuckEngine, name: string, value: unknown): Promise<void> {
  if (!isPlainIdentifier(name)) throw new Error(`register: "${name}" is not a valid table name`);
  const v = value as { columns?: unknown; values?: unknown };
  if (Array.isArray(v?.columns) && Array.isArray(v?.values)) {
    await engine.registerObjects(name, dataFrameRecords(v as { columns: string[]; values: unknown[][] }));
  } else if (Array.isArray(value)) {
    await engine.registerObjects(name, value as Record<string, unknown>[]);
  } else if (asTable(value)) {
    const t = asTable(value)!;
    const names = t.columns.map((c) => c.name);
    await engine.registerObjects(name, rowObjects(names, t.rows));
  } else {
    throw new Error('register: pass a DataFrame, an Arrow table or an array of objects');
  }
}
