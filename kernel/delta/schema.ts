/** The Spark/Delta type system as a typed tree, parsed from a metaData.schemaString. */

export type PrimitiveName =
  | 'string'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'float'
  | 'double'
  | 'boolean'
  | 'binary'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz'
  | 'variant'
  | 'void';

export interface PrimitiveType {
  type: 'primitive';
  name: PrimitiveName;
}
export interface DecimalType {
  type: 'decimal';
  precision: number;
  scale: number;
}
export interface ArrayType {
  type: 'array';
  elementType: DataType;
  containsNull: boolean;
}
export interface MapType {
  type: 'map';
  keyType: DataType;
  valueType: DataType;
  valueContainsNull: boolean;
}
export interface StructField {
  name: string;
  type: DataType;
  nullable: boolean;
  metadata: Record<string, unknown>;
}
export interface StructType {
  type: 'struct';
  fields: StructField[];
}
export type DataType = PrimitiveType | DecimalType | ArrayType | MapType | StructType;

const PRIMITIVES = new Set<string>([
  'string',
  'long',
  'integer',
  'short',
  'byte',
  'float',
  'double',
  'boolean',
  'binary',
  'date',
  'timestamp',
  'timestamp_ntz',
  'variant',
  'void',
]);
const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;

export function parseSchema(schemaString: string): StructType {
  const t = parseType(JSON.parse(schemaString));
  if (t.type !== 'struct') throw new Error('a Delta schema must be a struct');
  return t;
}

export function parseType(json: unknown): DataType {
  if (typeof json === 'string') {
    // Spark names NullType "null" in JSON; Delta calls the column type "void".
    const name = json === 'null' ? 'void' : json;
    if (PRIMITIVES.has(name)) return { type: 'primitive', name: name as PrimitiveName };
    if (name === 'decimal') return { type: 'decimal', precision: 10, scale: 0 };
    const m = DECIMAL.exec(name);
    if (m) return { type: 'decimal', precision: Number(m[1]), scale: Number(m[2]) };
    throw new Error(`unsupported Delta type "${name}"`);
  }
  const o = json as Record<string, unknown>;
  switch (o.type) {
    case 'struct':
      return {
        type: 'struct',
        fields: (o.fields as Record<string, unknown>[]).map((f) => ({
          name: String(f.name),
          type: parseType(f.type),
          nullable: f.nullable !== false,
          metadata: (f.metadata as Record<string, unknown> | undefined) ?? {},
        })),
      };
    case 'array':
      return { type: 'array', elementType: parseType(o.elementType), containsNull: o.containsNull !== false };
    case 'map':
      return {
        type: 'map',
        keyType: parseType(o.keyType),
        valueType: parseType(o.valueType),
        valueContainsNull: o.valueContainsNull !== false,
      };
    default:
      throw new Error(`unsupported Delta type ${JSON.stringify(json)}`);
  }
}

/** Spark's compact spelling (`map<string,long>`, `decimal(10,2)`), as shown to users and in errors. */
export function typeString(t: DataType): string {
  switch (t.type) {
    case 'primitive':
      return t.name;
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'array':
      return `array<${typeString(t.elementType)}>`;
    case 'map':
      return `map<${typeString(t.keyType)},${typeString(t.valueType)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}:${typeString(f.type)}`).join(',')}>`;
  }
}

/** Spark's JSON form of a schema, as metaData.schemaString holds it (the inverse of parseSchema). */
export function schemaString(fields: StructField[]): string {
  return JSON.stringify({ type: 'struct', fields: fields.map(fieldJson) });
}

function fieldJson(f: StructField): object {
  return { name: f.name, type: typeJson(f.type), nullable: f.nullable, metadata: f.metadata };
}

function typeJson(t: DataType): unknown {
  switch (t.type) {
    case 'primitive':
      return t.name;
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'array':
      return { type: 'array', elementType: typeJson(t.elementType), containsNull: t.containsNull };
    case 'map':
      return { type: 'map', keyType: typeJson(t.keyType), valueType: typeJson(t.valueType), valueContainsNull: t.valueContainsNull };
    case 'struct':
      return { type: 'struct', fields: t.fields.map(fieldJson) };
  }
}
