/** The SQL aggregate for one expected.json checksum key (`column.metric`), per the file's `conventions`. */
import type { DataType } from '../../kernel/delta';

export function checksumSql(column: string, metric: string, t: DataType): string {
  const c = `"${column.replace(/"/g, '""')}"`;
  const isFloat = t.type === 'primitive' && (t.name === 'float' || t.name === 'double');
  switch (metric) {
    case 'nonNull':
      return `count(${c})::INTEGER`;
    case 'sum':
      return isFloat ? `sum(${c})::DOUBLE` : `sum(${c})::VARCHAR`;
    case 'countDistinct':
      return `count(DISTINCT ${c})::INTEGER`;
    case 'countTrue':
      return `count_if(${c})::INTEGER`;
    case 'min':
    case 'max':
      return t.type === 'primitive' && t.name === 'date' ? `strftime(${metric}(${c}), '%Y-%m-%d')` : `left(${metric}(${c})::VARCHAR, 40)`;
    case 'minEpochUs':
      return `epoch_us(min(${c}))::VARCHAR`;
    case 'maxEpochUs':
      return `epoch_us(max(${c}))::VARCHAR`;
    default:
      throw new Error(`unknown checksum metric ${metric}`);
  }
}
