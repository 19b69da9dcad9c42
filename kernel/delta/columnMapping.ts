import type { StructField } from './schema';
import type { DeltaMetadata } from './types';

export type ColumnMappingMode = 'none' | 'name' | 'id';

export function columnMappingMode(metadata: DeltaMetadata): ColumnMappingMode {
  const mode = metadata.configuration['delta.columnMapping.mode'];
  return mode === 'name' || mode === 'id' ? mode : 'none';
}

/**
 * The name a field has inside Parquet files and partitionValues. With mapping on, writers store
 * columns under stable physical names (`col-<uuid>`) so renames and drops never rewrite data.
 */
export function physicalName(field: StructField, mode: ColumnMappingMode): string {
  if (mode === 'none') return field.name;
  const physical = field.metadata['delta.columnMapping.physicalName'];
  return typeof physical === 'string' ? physical : field.name;
}
