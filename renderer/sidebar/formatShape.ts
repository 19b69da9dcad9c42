/** How the variables panel words a variable's shape: "1,000 × 3", "12 items", "5 chars". */
import type { VariableInfo } from '../../kernel/protocol/variables';

const n = (x: number) => x.toLocaleString('en-US');

export function formatShape(v: VariableInfo): string {
  if (v.rows !== undefined && v.columns !== undefined) return `${n(v.rows)} × ${n(v.columns)}`;
  if (v.columns !== undefined) return `${n(v.columns)} col${v.columns === 1 ? '' : 's'}`;
  if (v.length !== undefined) {
    const unit = v.kind === 'string' ? 'char' : v.kind === 'object' && v.type !== 'Map' && v.type !== 'Set' ? 'key' : 'item';
    return `${n(v.length)} ${unit}${v.length === 1 ? '' : 's'}`;
  }
  return v.summary ?? '';
}

export const KIND_LABEL: Record<VariableInfo['kind'], string> = {
  dataframe: 'DataFrame',
  arrow: 'Arrow table',
  array: 'array',
  object: 'object',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  function: 'function',
  'sql-table': 'SQL table',
  'sql-result': 'SQL result',
  other: 'value',
};
