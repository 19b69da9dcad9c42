/**
 * The last rows and bytes measured of each SQL table of a session, so that a TEMP table listed while a
 * cell runs (only the user's connection sees it, and that connection is busy) shows its last measure,
 * marked as such with when it was taken, instead of no size at all. Kept by table name and columns: a
 * table made again with other columns is a new table, never shown with the old one's numbers.
 */
export interface Measure {
  rows: number;
  bytes: number;
  /** When it was measured (ms since the epoch). */
  at: number;
}

const bySession = new WeakMap<object, Map<string, Measure>>();

const key = (table: string, columns: string[]) => `${table}\u0000${columns.join('\u0000')}`;

export function rememberMeasure(session: object, table: string, columns: string[], m: Measure): void {
  let measures = bySession.get(session);
  if (!measures) bySession.set(session, (measures = new Map()));
  measures.set(key(table, columns), m);
}

export function lastMeasure(session: object, table: string, columns: string[]): Measure | undefined {
  return bySession.get(session)?.get(key(table, columns));
}
