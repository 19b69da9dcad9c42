/**
 * Silt's Delta Lake reader and writer for local tables: log replay to snapshots (time travel,
 * checkpoints, log compaction), DuckDB SQL that reads a snapshot or a change feed with the logical
 * schema, and commits for appends, deletes and merges.
 */
export * from './types';
export { DeltaTable } from './DeltaTable';
export { CorruptLogError, DeltaTableError } from './errors';
export { readDeletionVector } from './deletionVector';
export { parseSchema, schemaString, typeString } from './schema';
export type { ArrayType, DataType, DecimalType, MapType, PrimitiveName, PrimitiveType, StructField, StructType } from './schema';
export { duckdbType } from './duckdbType';
export { partitionValueSql } from './partitionValues';
export { snapshotScanSql, type SnapshotScanOptions } from './scanSql';
export { changesScanSql, type ChangesScanOptions } from './changeDataFeed';
export { DeltaWriter, type CreateTableOptions, type CommitOptions, type DeltaColumn } from './DeltaWriter';
