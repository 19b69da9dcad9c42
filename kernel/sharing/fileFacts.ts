import type { ColumnFacts, FileFacts } from './predicateEval';

/** Per-file stats as Delta writes them (§Per-file Statistics), after JSON.parse. */
interface Stats {
  numRecords?: number;
  minValues?: Record<string, unknown>;
  maxValues?: Record<string, unknown>;
  nullCount?: Record<string, unknown>;
}

/**
 * Builds the facts a predicate is evaluated against from a file's partition values and stats.
 * `physical` maps a logical column name to the name used in partitionValues and stats (they differ
 * under column mapping). Names match case-insensitively, as all protocol names do. Nested columns
 * use dotted names (`a.b`), which walk the nested stats objects.
 */
export function fileFacts(
  partitionValues: Record<string, string | null>,
  statsJson: string | null | undefined,
  physical: (logical: string) => string = (n) => n,
): FileFacts {
  const parts = lowerKeys(partitionValues);
  let stats: Stats | undefined;
  try {
    stats = statsJson ? (JSON.parse(statsJson) as Stats) : undefined;
  } catch {
    stats = undefined; // unreadable stats just mean "nothing known"
  }
  return (column: string): ColumnFacts | undefined => {
    const name = physical(column);
    const key = name.toLowerCase();
    if (key in parts) return { exact: parts[key] };
    if (!stats) return undefined;
    const path = name.split('.');
    const nullCount = lookup(stats.nullCount, path);
    return {
      min: lookup(stats.minValues, path),
      max: lookup(stats.maxValues, path),
      nullCount: typeof nullCount === 'number' ? nullCount : undefined,
      numRecords: typeof stats.numRecords === 'number' ? stats.numRecords : undefined,
    };
  };
}

function lookup(obj: Record<string, unknown> | undefined, path: string[]): unknown {
  let cur: unknown = obj;
  for (const part of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    const entries = cur as Record<string, unknown>;
    const key = Object.keys(entries).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key === undefined ? undefined : entries[key];
  }
  return cur;
}

function lowerKeys(values: Record<string, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(values)) out[k.toLowerCase()] = v;
  return out;
}
