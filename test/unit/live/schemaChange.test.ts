import { describe, expect, it } from 'vitest';
import type { SharedMetadata } from '../../../kernel/sharing/client/types';
import { schemaChange } from '../../../kernel/session/live/schemaChange';

const meta = (fields: [string, string][], extra: Partial<SharedMetadata> = {}): SharedMetadata => ({
  id: 't',
  format: { provider: 'parquet' },
  schemaString: JSON.stringify({ type: 'struct', fields: fields.map(([name, type]) => ({ name, type, nullable: true, metadata: {} })) }),
  partitionColumns: [],
  configuration: {},
  ...extra,
});

describe('schemaChange: does a live table survive a new schema?', () => {
  const before = meta([
    ['id', 'long'],
    ['name', 'string'],
  ]);

  it('the same schema is no change', () => {
    expect(
      schemaChange(
        before,
        meta([
          ['id', 'long'],
          ['name', 'string'],
        ]),
      ),
    ).toEqual({ kind: 'same' });
  });

  it('added columns are added to the copy with their DuckDB types', () => {
    expect(
      schemaChange(
        before,
        meta([
          ['id', 'long'],
          ['name', 'string'],
          ['amount', 'decimal(10,2)'],
        ]),
      ),
    ).toEqual({
      kind: 'added',
      columns: [{ name: 'amount', sqlType: 'DECIMAL(10,2)' }],
    });
  });

  it('a dropped, retyped column, new partitioning or column mapping needs a reload, and says why', () => {
    expect(schemaChange(before, meta([['id', 'long']]))).toMatchObject({
      kind: 'incompatible',
      reason: 'column name was dropped or renamed',
    });
    expect(
      schemaChange(
        before,
        meta([
          ['id', 'string'],
          ['name', 'string'],
        ]),
      ),
    ).toMatchObject({ kind: 'incompatible', reason: 'column id changed type' });
    expect(
      schemaChange(
        before,
        meta(
          [
            ['id', 'long'],
            ['name', 'string'],
          ],
          { partitionColumns: ['name'] },
        ),
      ),
    ).toMatchObject({ kind: 'incompatible' });
    expect(
      schemaChange(
        before,
        meta(
          [
            ['id', 'long'],
            ['name', 'string'],
          ],
          { configuration: { 'delta.columnMapping.mode': 'name' } },
        ),
      ),
    ).toMatchObject({ kind: 'incompatible' });
  });
});
