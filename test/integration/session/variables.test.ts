/**
 * `session.variables` and `session.variablePreview` on a real session: DuckDB tables and named
 * results, and the globals TypeScript cells leave behind, with their shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import type { VariableInfo } from '../../../kernel/protocol/variables';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;
const list = async () => (await sessionHandlers['session.variables'](s.session, {} as never)).variables;
const find = (vars: VariableInfo[], name: string) => vars.find((v) => v.name === name);

beforeAll(async () => {
  s = await inProcessSession('silt-variables-');
  const runs = [
    await s.exec(
      'typescript',
      'const df = await sql`SELECT range AS id, range * 2 AS amount, \'r\' || range AS label FROM range(1000)`\nconst n = 42\nconst title = "north"\nconst rows = [{a: 1, b: "x"}, {a: 2, b: "y"}]\nfunction twice(x: number) { return 2 * x }',
    ),
    await s.exec('sql', "SELECT * FROM (VALUES ('north', 1), ('south', 2), ('east', 3)) t(region, amount)", 'regions'),
    await s.exec('sql', "CREATE TABLE big AS SELECT range AS k, repeat('x', 10) AS s FROM range(50000)"),
    await s.exec('sql', 'SELECT 1 AS unnamed'),
  ];
  for (const r of runs) expect(r.status, JSON.stringify(r.outputs)).toBe('ok');
});

afterAll(() => s?.close());

describe('session.variables', () => {
  it('still lists every variable when one of them throws when read', async () => {
    const r = await s.exec(
      'typescript',
      "const touchy = { size: 3, get boom(): number { throw new Error('do not read me') } }\n" +
        "const trap = new Proxy({}, { ownKeys() { throw new Error('no keys here') }, getPrototypeOf() { throw new Error('no proto') } })",
    );
    expect(r.status, JSON.stringify(r.outputs)).toBe('ok');
    const vars = await list();
    // The getter is never called: the object is described from its plain data.
    expect(find(vars, 'touchy')).toMatchObject({ kind: 'object', length: 2 });
    expect(find(vars, 'trap')).toMatchObject({ kind: 'other', summary: expect.stringContaining('could not be read') });
    expect(find(vars, 'n')).toMatchObject({ summary: '42' });
  });

  it('lists a DataFrame with its rows and columns and a size that grows with its data', async () => {
    const vars = await list();
    expect(find(vars, 'df')).toMatchObject({ kind: 'dataframe', type: 'DataFrame', rows: 1000, columns: 3, tabular: true });
    // 1000 rows × (two numbers and a short string) is tens of kilobytes, not bytes and not megabytes.
    expect(find(vars, 'df')!.bytes).toBeGreaterThan(10_000);
    expect(find(vars, 'df')!.bytes).toBeLessThan(1_000_000);
  });

  it('lists scalars, records and functions with what they are', async () => {
    const vars = await list();
    expect(find(vars, 'n')).toMatchObject({ kind: 'number', type: 'number', summary: '42' });
    expect(find(vars, 'title')).toMatchObject({ kind: 'string', length: 5, summary: '"north"' });
    expect(find(vars, 'rows')).toMatchObject({ kind: 'array', type: 'Array of records', rows: 2, columns: 2, tabular: true });
    expect(find(vars, 'twice')).toMatchObject({ kind: 'function', type: 'function' });
  });

  it('lists a named SQL result and a SQL table with their shapes, and no helpers or hidden results', async () => {
    const vars = await list();
    expect(find(vars, 'regions')).toMatchObject({ kind: 'sql-result', type: 'SQL result', rows: 3, columns: 2 });
    expect(find(vars, 'big')).toMatchObject({ kind: 'sql-table', rows: 50_000, columns: 2 });
    // 50,000 × (8-byte key + 10-character string + per-string overhead)
    expect(find(vars, 'big')!.bytes).toBeGreaterThan(50_000 * 18);
    const names = vars.map((v) => v.name);
    for (const hidden of ['sql', 'display', 'dfd', 'Plot', 'sharing', 'automl', 'quality', 'console', 'require'])
      expect(names).not.toContain(hidden);
    // Loading danfo leaves tfjs internals (_tfengine, _tfGlobals) and a regenerator on the global object.
    expect(names.filter((n) => n.startsWith('_') || n === 'regeneratorRuntime')).toEqual([]);
  });

  it('lists a named result once after a TypeScript cell loaded it as a DataFrame', async () => {
    expect((await s.exec('typescript', 'regions.shape[0]')).status).toBe('ok');
    const vars = await list();
    expect(vars.filter((v) => v.name === 'regions')).toHaveLength(1);
  });
});

describe('session.variablePreview', () => {
  const preview = (name: string) => sessionHandlers['session.variablePreview'](s.session, { name } as never);

  it('shows the first rows of a SQL table and of a DataFrame, with the whole row count', async () => {
    const big = await preview('big');
    expect(big.rowCount).toBe(50_000);
    expect(big.output.rows).toHaveLength(100);
    expect(big.output.columns.map((c) => c.name)).toEqual(['k', 's']);
    const df = await preview('df');
    expect(df.rowCount).toBe(1000);
    expect(df.output.rows[3]).toEqual([3, 6, 'r3']);
    expect((await preview('regions')).output.rows).toEqual([
      ['north', 1],
      ['south', 2],
      ['east', 3],
    ]);
  });

  it('refuses a variable that is not a table, and one that does not exist, naming it', async () => {
    await expect(preview('n')).rejects.toThrow(/n is not a table/);
    await expect(preview('nope')).rejects.toSatisfy(
      (e: unknown) => e instanceof SiltError && e.code === 'not-found' && /nope/.test(e.message),
    );
  });
});
