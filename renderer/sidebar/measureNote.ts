/**
 * What the variables panel adds to a SQL table's shape when its size was not measured just now
 * (VariableInfo.measure): a cell runs on the only connection that sees the TEMP table. Its last
 * measure is shown as "last known", with when it was taken; one never measured says when it will be.
 */
import type { VariableInfo } from '../../kernel/protocol/variables';

export function measureNote(v: Pick<VariableInfo, 'measure' | 'measuredAt'>): { words: string; title: string } | null {
  if (v.measure === 'last-known') {
    const at = v.measuredAt !== undefined ? ` at ${new Date(v.measuredAt).toLocaleTimeString('en-GB')}` : '';
    return {
      words: 'last known',
      title: `Measured${at}, before the running cell: only its connection sees this TEMP table, which is measured again when the cell ends`,
    };
  }
  if (v.measure === 'after-run')
    return {
      words: 'size unknown',
      title:
        'Size unknown until the run ends: only the running cell’s connection sees this TEMP table, which is measured when the cell ends',
    };
  return null;
}
