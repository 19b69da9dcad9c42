/**
 * What the variables panel says about one TypeScript global: its kind, type, shape and approximate
 * memory. It reads only data properties it is given, never calls the value, and samples big arrays,
 * so describing a million-row DataFrame costs about as much as describing a small one.
 */
import type { VariableInfo, VariableKind } from '../../protocol/variables';

/** Items looked at in one array before the rest is estimated from their average. */
const SAMPLE = 200;
const SUMMARY_CHARS = 60;

export function describeValue(name: string, value: unknown): VariableInfo {
  const base = (kind: VariableKind, type: string, more: Partial<VariableInfo> = {}): VariableInfo => ({
    name,
    kind,
    type,
    tabular: false,
    ...more,
  });
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return base('number', typeof value, { summary: String(value), bytes: 8 });
    case 'string':
      return base('string', 'string', { length: value.length, summary: clip(JSON.stringify(value)), bytes: 2 * value.length });
    case 'boolean':
      return base('boolean', 'boolean', { summary: String(value), bytes: 4 });
    case 'function':
      return base('function', /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function', {
        summary: `${value.name || name}(${'…'.repeat(Math.min(1, value.length))})`,
      });
    case 'undefined':
      return base('other', 'undefined', { summary: 'undefined' });
    case 'symbol':
      return base('other', 'symbol', { summary: value.toString() });
  }
  if (value === null) return base('other', 'null', { summary: 'null' });
  const any = value as Record<string, unknown>;
  // danfojs DataFrame (and Series: a shape of one number)
  if (Array.isArray(any.shape) && Array.isArray(any.values) && Array.isArray(any.columns) && Array.isArray(any.dtypes)) {
    const [rows, columns] = any.shape as number[];
    return base('dataframe', 'DataFrame', { rows, columns, bytes: approximateBytes(any.values), tabular: true });
  }
  if (Array.isArray(any.shape) && Array.isArray(any.values) && (any.shape as unknown[]).length === 1) {
    return base('array', 'Series', { length: (any.shape as number[])[0], bytes: approximateBytes(any.values) });
  }
  // Apache Arrow Table
  if (typeof any.numRows === 'number' && typeof any.toArray === 'function' && typeof any.schema === 'object' && any.schema) {
    const fields = (any.schema as { fields?: unknown[] }).fields ?? [];
    const bytes = typeof any.byteLength === 'number' ? any.byteLength : undefined;
    return base('arrow', 'Arrow Table', {
      rows: any.numRows,
      columns: fields.length,
      ...(bytes !== undefined ? { bytes } : {}),
      tabular: true,
    });
  }
  if (Array.isArray(value)) {
    const records = value.length > 0 && value.slice(0, SAMPLE).every((r) => typeof r === 'object' && r !== null && !Array.isArray(r));
    const columns = records ? new Set(value.slice(0, SAMPLE).flatMap((r) => Object.keys(r as object))).size : undefined;
    return base('array', records ? 'Array of records' : `Array`, {
      length: value.length,
      ...(records ? { rows: value.length, columns } : {}),
      bytes: approximateBytes(value),
      tabular: records,
    });
  }
  if (ArrayBuffer.isView(value))
    return base('array', value.constructor.name, { length: (value as unknown as { length?: number }).length, bytes: value.byteLength });
  if (value instanceof Map || value instanceof Set)
    return base('object', value.constructor.name, {
      length: value.size,
      bytes: approximateBytes([...value].slice(0, SAMPLE)) * (value.size / Math.max(1, Math.min(SAMPLE, value.size))),
    });
  if (value instanceof Date)
    return base('object', 'Date', { summary: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString(), bytes: 8 });
  if (value instanceof Promise) return base('other', 'Promise');
  const type = constructorName(value as object) ?? 'object';
  return base('object', type, { length: Object.keys(value as object).length, bytes: approximateBytes(value) });
}

function constructorName(value: object): string | undefined {
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = proto?.constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : undefined;
}

function clip(text: string): string {
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

/**
 * Memory a value roughly takes: 8 bytes a number, 2 a character, plus a small header per object; big
 * arrays are sampled. A guide to "which variable is the big one", not an exact heap measure.
 */
export function approximateBytes(value: unknown, seen = new Set<object>(), depth = 0): number {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 8;
    case 'string':
      return 2 * value.length + 16;
    case 'boolean':
      return 4;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null || seen.has(value) || depth > 6) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Date) return 16;
  if (Array.isArray(value)) {
    const n = Math.min(value.length, SAMPLE);
    let sampled = 0;
    for (let i = 0; i < n; i++) sampled += approximateBytes(value[i], seen, depth + 1);
    return 16 + (n === 0 ? 0 : Math.round((sampled / n) * value.length));
  }
  const keys = Object.keys(value);
  const n = Math.min(keys.length, SAMPLE);
  let sampled = 0;
  for (let i = 0; i < n; i++) sampled += 2 * keys[i].length + approximateBytes(dataProperty(value, keys[i]), seen, depth + 1);
  return 32 + (n === 0 ? 0 : Math.round((sampled / n) * keys.length));
}

/** A property's value if it is plain data; a getter is never called (it may throw, or do work). */
function dataProperty(value: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(value, key);
  return d && 'value' in d ? d.value : undefined;
}

/**
 * `describeValue`, for a value that may fight back (a Proxy whose traps throw, an object whose
 * `shape` getter throws): one odd variable is described as such instead of emptying the panel.
 */
export function describeSafely(name: string, value: unknown): VariableInfo {
  try {
    return describeValue(name, value);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { name, kind: 'other', type: 'object', tabular: false, summary: clip(`could not be read: ${why}`) };
  }
}
