/** Rows as arrays of values, in `names` order, made into objects keyed by those names (what registerObjects takes). */
export function rowObjects(names: readonly string[], rows: readonly (readonly unknown[])[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}
