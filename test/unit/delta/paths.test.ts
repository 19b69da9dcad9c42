import { describe, expect, it } from 'vitest';
import { resolveLogPath } from '../../../kernel/delta/paths';

describe('resolveLogPath', () => {
  it('treats file:/x, file:///x and /x as the same file', () => {
    const spellings = ['file:/data/t/p@%23h', 'file:///data/t/p@%23h', '/data/t/p@%23h'];
    expect(spellings.map((p) => resolveLogPath('/elsewhere', p))).toEqual(Array(3).fill('/data/t/p@#h'));
  });

  it('URI-decodes relative paths exactly once under the table root', () => {
    // Spark escapes ':' in folder names as %3A, and the log URI-encodes that '%' again.
    expect(resolveLogPath('/t', 'ts=2021-09-08%2011%253A11%253A11/part-0.parquet')).toBe('/t/ts=2021-09-08 11%3A11%3A11/part-0.parquet');
  });

  it('keeps a name whose % is not an escape', () => {
    expect(resolveLogPath('/t', '100%/x.parquet')).toBe('/t/100%/x.parquet');
  });
});
