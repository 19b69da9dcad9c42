/**
 * Delta VARIANT columns as DuckDB VARIANT values. Delta stores a variant as the Parquet variant
 * encoding: a group of `metadata` (the key dictionary) and `value` (the binary value), plus, when
 * shredded, `typed_value` holding parts of the value as ordinary typed columns (Delta PROTOCOL.md,
 * "Variant Data Type" and "Variant Shredding"; Parquet's VariantEncoding.md / VariantShredding.md).
 *
 * A file that marks the group with Parquet's VARIANT logical type is decoded by DuckDB itself,
 * shredded or not. Files written before that annotation existed (Spark 4.0, the variantType-preview
 * tables) read as a plain struct; the binary form is then rebuilt here with DuckDB's
 * `variant_bytes_to_variant`, which takes the metadata and value bytes back to back.
 */
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { physicalName, type ColumnMappingMode } from './columnMapping';
import { duckdbType } from './duckdbType';
import type { DataType } from './schema';
import { parseDuckType, type DuckType } from './duckTypeString';

export const isVariant = (t: DataType): boolean => t.type === 'primitive' && t.name === 'variant';

export function containsVariant(t: DataType): boolean {
  if (isVariant(t)) return true;
  if (t.type === 'array') return containsVariant(t.elementType);
  if (t.type === 'map') return containsVariant(t.keyType) || containsVariant(t.valueType);
  if (t.type === 'struct') return t.fields.some((f) => containsVariant(f.type));
  return false;
}

/**
 * The expression for a physical column `expr` whose logical type `t` holds variants, given the
 * type DuckDB reads from the file (`sourceType`, DuckDB's type syntax): nested values rebuilt with
 * logical field names, each variant as a DuckDB VARIANT.
 */
export function variantSql(expr: string, t: DataType, sourceType: string, mode: ColumnMappingMode): string {
  return rebuild(expr, t, parseDuckType(sourceType), mode, 0);
}

function rebuild(expr: string, t: DataType, src: DuckType, mode: ColumnMappingMode, depth: number): string {
  if (!containsVariant(t)) return `CAST(${expr} AS ${duckdbType(t)})`;
  const v = `__v${depth}`;
  if (isVariant(t)) return src.kind === 'variant' ? expr : fromEncoded(expr, src);
  if (t.type === 'array' && src.kind === 'list') {
    return `list_transform(${expr}, lambda ${v}: ${rebuild(v, t.elementType, src.element, mode, depth + 1)})`;
  }
  if (t.type === 'map' && src.kind === 'map') {
    const key = rebuild(`${v}.key`, t.keyType, src.key, mode, depth + 1);
    const value = rebuild(`${v}.value`, t.valueType, src.value, mode, depth + 1);
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE map_from_entries(list_transform(map_entries(${expr}), lambda ${v}: struct_pack(key := ${key}, value := ${value}))) END`;
  }
  if (t.type === 'struct' && src.kind === 'struct') {
    const parts = t.fields.map((f) => {
      const phys = physicalName(f, mode);
      const child = src.fields.get(phys);
      const value = child
        ? rebuild(`struct_extract(${expr}, ${quoteLiteral(phys)})`, f.type, child, mode, depth + 1)
        : `CAST(NULL AS ${duckdbType(f.type)})`;
      return `${quoteIdent(f.name)} := ${value}`;
    });
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${parts.join(', ')}) END`;
  }
  throw new UnreadableVariant(`a column of type ${duckdbType(t)} is stored as ${src.text}, which is not a form of that type`);
}

/**
 * One variant from its unannotated Parquet group (`metadata`, `value`). A `typed_value` beside them
 * means shredding without the annotation, which no writer we know of produces: refused by name.
 */
function fromEncoded(expr: string, src: DuckType): string {
  if (src.kind !== 'struct' || !src.fields.has('metadata') || !src.fields.has('value')) {
    throw new UnreadableVariant(`a variant is stored as ${src.text}, not as its metadata/value group`);
  }
  if (src.fields.has('typed_value')) {
    throw new UnreadableVariant("a shredded variant is stored without Parquet's VARIANT annotation, which this reader cannot rebuild");
  }
  return `CASE WHEN ${expr}.value IS NULL THEN NULL ELSE variant_bytes_to_variant(${expr}.metadata || ${expr}.value) END`;
}

/** Why a variant column cannot be read; the scan names the table. */
export class UnreadableVariant extends Error {}
