/**
 * What a search would do with each column before it starts (for the dialog): the guessed or given
 * target, the checks' flags and reasons, and the time column it would split on.
 */
import { AutoMLError } from './AutoMLError';
import { chooseColumns, type ColumnChoice } from './chooseColumns';
import { guessTargetColumn } from './guessTarget';
import { isMissing, profileTable, type ColumnProfile } from './profile';
import { guessTimeColumn } from './timeSplit';
import type { AutoMLTable, AutoMLValue } from './table';

export interface ColumnInspection {
  target: string;
  timeColumn: string | null;
  timeColumns: string[];
  columns: ColumnProfile[];
}

export function inspectColumns(table: AutoMLTable, target?: string, choice: ColumnChoice = {}): ColumnInspection {
  const t = target || guessTargetColumn(table);
  const tc = table.columns.find((c) => c.name === t);
  if (!tc) throw new AutoMLError(`Target column "${t}" is not in the table.`);
  const tv = tc.values as ArrayLike<AutoMLValue>;
  const rows: number[] = [];
  for (let i = 0; i < tv.length; i++) if (!isMissing(tv[i])) rows.push(i);
  const profile = chooseColumns(table, profileTable(table, t, rows), rows, choice);
  return {
    target: t,
    timeColumn: guessTimeColumn(profile.columns, rows.length),
    timeColumns: profile.columns.filter((c) => c.kind === 'datetime').map((c) => c.name),
    columns: profile.columns,
  };
}
