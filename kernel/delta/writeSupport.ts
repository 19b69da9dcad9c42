import { columnMappingMode } from './columnMapping';
import { DeltaTableError } from './errors';
import { parseSchema, type DataType } from './schema';
import type { DeltaSnapshot } from './types';

/** Writer features whose rules our writer follows (or that only constrain things it never writes). */
const SUPPORTED_WRITER_FEATURES = new Set([
  'appendOnly',
  'invariants',
  'changeDataFeed',
  'timestampNtz',
  'deletionVectors',
  'v2Checkpoint',
  'vacuumProtocolCheck',
]);

/** Refuses tables whose writer rules (constraints, generated or identity columns, ...) we would break. */
export function assertWritable(snapshot: DeltaSnapshot): void {
  const table = snapshot.tableRoot;
  const { protocol, metadata } = snapshot;
  if (protocol.minWriterVersion > 7) {
    throw new DeltaTableError(table, `unsupported minWriterVersion ${protocol.minWriterVersion}`, 'unsupported');
  }
  const unknown = (protocol.writerFeatures ?? []).filter((f) => !SUPPORTED_WRITER_FEATURES.has(f));
  if (unknown.length > 0) {
    throw new DeltaTableError(table, `cannot write: unsupported writer feature(s) ${unknown.join(', ')}`, 'unsupported');
  }
  if (columnMappingMode(metadata) !== 'none') {
    throw new DeltaTableError(table, 'cannot write: column mapping is enabled', 'unsupported');
  }
  if (Object.keys(metadata.configuration).some((k) => k.startsWith('delta.constraints.'))) {
    throw new DeltaTableError(table, 'cannot write: the table has CHECK constraints', 'unsupported');
  }
  const schema = parseSchema(metadata.schemaString);
  const special = ['delta.invariants', 'delta.generationExpression', 'delta.identity.start'];
  for (const field of schema.fields) {
    const key = special.find((k) => k in field.metadata) ?? nestedSpecial(field.type, special);
    if (key) throw new DeltaTableError(table, `cannot write: column ${field.name} has ${key}`, 'unsupported');
  }
}

export function assertDeletable(snapshot: DeltaSnapshot): void {
  if (snapshot.metadata.configuration['delta.appendOnly'] === 'true') {
    throw new DeltaTableError(snapshot.tableRoot, 'cannot delete or update rows: the table is append-only', 'unsupported');
  }
}

function nestedSpecial(t: DataType, keys: string[]): string | undefined {
  if (t.type === 'struct') {
    for (const f of t.fields) {
      const k = keys.find((x) => x in f.metadata) ?? nestedSpecial(f.type, keys);
      if (k) return k;
    }
  }
  if (t.type === 'array') return nestedSpecial(t.elementType, keys);
  if (t.type === 'map') return nestedSpecial(t.keyType, keys) ?? nestedSpecial(t.valueType, keys);
  return undefined;
}
