/**
 * A table cell as text: `NULL` for a missing value, JSON for lists and structs, anything else as
 * JavaScript prints it. The grid, the HTML and Markdown reports and the notebook file's copy of a
 * table all show cells this way, so a value reads the same wherever it is seen.
 */
export function cellText(v: string | number | boolean | null | object): string {
  if (v === null) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
