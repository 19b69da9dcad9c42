/** A raw cell value as it arrives from DuckDB, a DataFrame or a hand-made table. */
export type AutoMLValue = number | string | boolean | null | Date | bigint;

/** A columnar table; numeric columns may be a Float64Array with NaN for missing. */
export interface AutoMLTable {
  columns: { name: string; values: AutoMLValue[] | Float64Array }[];
}

/** One raw row, keyed by column name, as given to `model.predict`. */
export type AutoMLRow = Record<string, AutoMLValue | undefined>;

export function tableRowCount(table: AutoMLTable): number {
  return table.columns.length ? table.columns[0].values.length : 0;
}

/** Turns row objects into a columnar table with the given column order. */
export function rowsToTable(rows: AutoMLRow[], names: string[]): AutoMLTable {
  return { columns: names.map((name) => ({ name, values: rows.map((r) => r[name] ?? null) })) };
}

/** Keeps only the given rows, in that order. */
export function takeRows(table: AutoMLTable, index: ArrayLike<number>): AutoMLTable {
  return {
    columns: table.columns.map((c) => {
      if (c.values instanceof Float64Array) {
        const out = new Float64Array(index.length);
        for (let i = 0; i < index.length; i++) out[i] = c.values[index[i]];
        return { name: c.name, values: out };
      }
      const src = c.values;
      return { name: c.name, values: Array.from(index, (i) => src[i]) };
    }),
  };
}
