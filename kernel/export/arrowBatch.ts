/**
 * Arrow record batches from result chunks. The Arrow schema follows the column plan; dates and
 * timestamps arrive as integers (days, µs) and go into DateDay / Timestamp(µs) buffers as they are.
 */
import {
  Bool,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  RecordBatch,
  Schema,
  Struct,
  TimeUnit,
  Timestamp,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeBuilder,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { ColumnKind, PlannedColumn } from './columnPlan';
import type { Chunk } from './readChunks';

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'bool':
      return new Bool();
    case 'int8':
      return new Int8();
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'uint8':
      return new Uint8();
    case 'uint16':
      return new Uint16();
    case 'uint32':
      return new Uint32();
    case 'uint64':
      return new Uint64();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND);
    case 'timestamptz':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'string':
      return new Utf8();
  }
}

export function arrowSchema(plan: PlannedColumn[]): Schema {
  return new Schema(plan.map((c) => new Field(c.name, arrowType(c.kind), true)));
}

export function recordBatch(schema: Schema, plan: PlannedColumn[], chunk: Chunk): RecordBatch {
  const children = plan.map((c, i) => columnData(c.kind, schema.fields[i].type, chunk.columns[i]));
  const data = makeData({ type: new Struct(schema.fields), length: chunk.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

type FixedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Fixed-width kinds are filled into their value buffer directly (several times faster than a builder). */
const FIXED: Partial<Record<ColumnKind, (n: number) => FixedArray>> = {
  int8: (n) => new Int8Array(n),
  int16: (n) => new Int16Array(n),
  int32: (n) => new Int32Array(n),
  int64: (n) => new BigInt64Array(n),
  uint8: (n) => new Uint8Array(n),
  uint16: (n) => new Uint16Array(n),
  uint32: (n) => new Uint32Array(n),
  uint64: (n) => new BigUint64Array(n),
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  date: (n) => new Int32Array(n),
  timestamp: (n) => new BigInt64Array(n),
  timestamptz: (n) => new BigInt64Array(n),
};

function columnData(kind: ColumnKind, type: DataType, values: unknown[]): Data {
  if (kind === 'string') return utf8Data(type, values);
  const fixed = FIXED[kind];
  if (!fixed) {
    const builder = makeBuilder({ type, nullValues: [null, undefined] });
    for (const v of values) builder.append(v);
    return builder.finish().flush();
  }
  const n = values.length;
  const data = fixed(n);
  const slots = data as unknown as unknown[];
  const valid = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else {
      slots[i] = v;
      valid[i >> 3] |= 1 << (i & 7);
    }
  }
  return makeData({ type, offset: 0, length: n, nullCount, nullBitmap: nullCount > 0 ? valid : null, data } as never);
}

/** Strings as one UTF-8 buffer plus offsets, encoded natively rather than value by value. */
function utf8Data(type: DataType, values: unknown[]): Data {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const valid = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else {
      total += Buffer.byteLength(v as string, 'utf8');
      valid[i >> 3] |= 1 << (i & 7);
    }
    offsets[i + 1] = total;
  }
  const data = Buffer.allocUnsafe(total);
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] > offsets[i]) data.write(values[i] as string, offsets[i], 'utf8');
  }
  return makeData({
    type,
    offset: 0,
    length: n,
    nullCount,
    nullBitmap: nullCount > 0 ? valid : null,
    valueOffsets: offsets,
    data,
  } as never);
}
