import type { DeltaMetadata } from '../delta';

interface SchemaField {
  name: string;
  type: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Logical → physical column names (dotted for nested fields). Under column mapping, partition
 * values and stats are keyed by physical names while predicates use logical ones.
 */
export function physicalNames(metadata: DeltaMetadata): (logical: string) => string {
  const mode = metadata.configuration['delta.columnMapping.mode'];
  if (mode !== 'name' && mode !== 'id') return (n) => n;
  const map = new Map<string, string>();
  const walk = (fields: SchemaField[], logicalPrefix: string, physicalPrefix: string) => {
    for (const f of fields) {
      const phys =
        typeof f.metadata?.['delta.columnMapping.physicalName'] === 'string'
          ? (f.metadata['delta.columnMapping.physicalName'] as string)
          : f.name;
      const logical = logicalPrefix + f.name;
      const physical = physicalPrefix + phys;
      map.set(logical.toLowerCase(), physical);
      const t = f.type as { type?: string; fields?: SchemaField[] };
      if (t && typeof t === 'object' && t.type === 'struct' && Array.isArray(t.fields)) walk(t.fields, `${logical}.`, `${physical}.`);
    }
  };
  try {
    walk((JSON.parse(metadata.schemaString) as { fields: SchemaField[] }).fields, '', '');
  } catch {
    return (n) => n;
  }
  return (n) => map.get(n.toLowerCase()) ?? n;
}
