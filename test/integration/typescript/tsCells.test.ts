/**
 * TypeScript cells in a real session: the compiler's diagnostics for a cell, with the notebook's
 * earlier cells and the realm's globals in scope; member completions from real types; a run of a
 * wrong-typed cell still gives its value, with the type error above it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorOutput, RichOutput, StreamOutput } from '../../../kernel/protocol';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-tscells-');
  await s.session.types.warm();
});
afterAll(async () => {
  await s.session.types.close();
  await s.close();
});

describe('diagnostics', () => {
  it('reports a string assigned to a number at line 1 with the compiler message', async () => {
    const found = await s.session.types.diagnostics([], 'const x: number = "abc";');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, column: 7, severity: 'error', code: 2322 });
    expect(found[0].message).toBe(`Type 'string' is not assignable to type 'number'.`);
  });

  it('sees top-level declarations of earlier cells, with their types', async () => {
    const before = ['const rate = 0.2;\nfunction tax(x: number) { return x * rate; }'];
    expect(await s.session.types.diagnostics(before, 'const t: number = tax(100);\nt')).toEqual([]);
    const wrong = await s.session.types.diagnostics(before, 'const label: string = tax(1);');
    expect(wrong.map((d) => d.message)).toEqual([`Type 'number' is not assignable to type 'string'.`]);
    // Without the earlier cell the name is unknown.
    const alone = await s.session.types.diagnostics([], 'tax(100)');
    expect(alone.map((d) => d.code)).toEqual([2304]);
  });

  it('knows the realm globals and top-level await', async () => {
    const code = [
      'const df = await sql`SELECT 1 AS a`;',
      'display(df.head(2));',
      'const loaded = await sharing.load("demo.silver.orders", { limit: 5 });',
      'console.log(loaded.shape, dfd.toJSON, typeof Plot.dot);',
    ].join('\n');
    expect(await s.session.types.diagnostics([], code)).toEqual([]);
  });

  it('types a named SQL result as a DataFrame with its columns', async () => {
    await s.exec('sql', 'SELECT 1 AS id, 2.5::DOUBLE AS amount', 'orders_a');
    expect(await s.session.types.diagnostics([], 'orders_a.head(1).shape')).toEqual([]);
    const wrong = await s.session.types.diagnostics([], 'const n: string = orders_a.shape[0];');
    expect(wrong.map((d) => d.code)).toEqual([2322]);
    // A column's values have its type: arithmetic on a number column is fine, on a text column it is not.
    await s.exec('sql', "SELECT 42 AS answer, 'Lyon' AS city", 'answers_a');
    expect(await s.session.types.diagnostics([], 'answers_a["answer"].values[0] * 10')).toEqual([]);
    const text = await s.session.types.diagnostics([], 'answers_a["city"].values[0] * 10');
    expect(text.map((d) => d.code)).toEqual([2362]);
  });
});

describe('completions', () => {
  it('offers DataFrame methods after `df.` with their types', async () => {
    const code = 'const df = new dfd.DataFrame([{ a: 1 }]);\ndf.';
    const found = await s.session.types.completions([], code, code.length);
    expect(found.member).toBe(true);
    expect(found.from).toBe(code.length);
    const labels = found.options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['head', 'groupby', 'describe']));
    expect(labels.some((l) => l.startsWith('$'))).toBe(false);
    const head = found.options.find((o) => o.label === 'head')!;
    expect(head.kind).toBe('method');
    expect(head.detail).toMatch(/DataFrame\.head\(.*\): DataFrame/);
  });

  it('offers the sharing API after `sharing.` and Plot marks after `Plot.`', async () => {
    const sharing = await s.session.types.completions([], 'sharing.lo', 'sharing.lo'.length);
    expect(sharing.from).toBe('sharing.'.length);
    expect(sharing.options[0].label).toBe('load');
    expect(sharing.options.map((o) => o.label)).toEqual(expect.arrayContaining(['tables', 'changes', 'subscribe']));
    const plot = await s.session.types.completions([], 'Plot.', 5);
    expect(plot.options.map((o) => o.label)).toEqual(expect.arrayContaining(['plot', 'dot', 'barY', 'lineY']));
  });
});

describe('completions of columns', () => {
  it("offers a named result's columns, writing one that is not an identifier in brackets", async () => {
    await s.exec('sql', 'SELECT 1 AS plain, 2 AS "odd name"', 'cols');
    const code = 'cols.';
    const found = await s.session.types.completions([], code, code.length);
    const plain = found.options.find((o) => o.label === 'plain');
    expect(plain).toMatchObject({ kind: 'property' });
    expect(plain?.insert).toBeUndefined();
    expect(found.options.find((o) => o.label === 'odd name')?.insert).toEqual({ text: '["odd name"]', from: 'cols'.length });
  });
});

describe('completions of Arrow tables and automl', () => {
  it('offers the Arrow table behind a frame, and the automl API', async () => {
    const code = 'const q = await sql`SELECT 1 AS a`;\nq.arrow.';
    const arrow = await s.session.types.completions([], code, code.length);
    expect(arrow.options.map((o) => o.label)).toEqual(expect.arrayContaining(['numRows', 'getChild', 'toArray', 'schema']));
    const automl = await s.session.types.completions([], 'automl.', 'automl.'.length);
    expect(automl.options.map((o) => o.label)).toEqual(expect.arrayContaining(['fit', 'table', 'loadModel', 'report']));
    expect(automl.options.find((o) => o.label === 'fit')?.detail).toContain('Promise<SiltAutoMLRun>');
  });
});

describe('running a cell with a type error', () => {
  it('runs it, shows its value, and puts the type error above the value', async () => {
    const r = await s.session.execute({ runId: 'w1', cellId: 'c1', language: 'typescript', code: 'const x: number = "abc";\nx + "!"' });
    expect(r.status).toBe('ok');
    expect(r.outputs).toHaveLength(2);
    const [warning, value] = r.outputs as [StreamOutput, RichOutput];
    expect(warning.kind).toBe('stream');
    expect(warning.name).toBe('stderr');
    expect(warning.text).toContain('1 type error (the cell ran anyway)');
    expect(warning.text).toContain(`line 1, col 7: Type 'string' is not assignable to type 'number'. (TS2322)`);
    expect(value.data['text/plain']).toBe("'abc!'");
  });

  it('never says the cell ran anyway when it failed: SQL typed into a TypeScript cell', async () => {
    const r = await s.session.execute({ runId: 'w0', cellId: 'c0', language: 'typescript', code: 'SELECT * FROM demo.silver.orders' });
    expect(r.status).toBe('error');
    const [warning, error] = r.outputs as [StreamOutput, ErrorOutput];
    expect(warning.text).toMatch(/^TypeScript: 4 errors; the cell stopped with the error below\n/);
    expect(warning.text).not.toContain('ran anyway');
    expect(error.kind).toBe('error');
    // The syntax error alone ("Expected ';'") does not say what is wrong: the cell's language.
    expect(error.message).toContain('this reads as SQL: switch the cell to SQL');
  });

  it('does not warn about a variable a cell that ran earlier declared', async () => {
    await s.session.execute({ runId: 'w2', cellId: 'c2', language: 'typescript', code: 'const basket = [1, 2, 3];' });
    const r = await s.session.execute({ runId: 'w3', cellId: 'c3', language: 'typescript', code: 'basket.reduce((a, b) => a + b, 0)' });
    expect(r.outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '6' } }]);
  });

  it('checks a re-run cell against the others, not against its own earlier version', async () => {
    await s.session.execute({ runId: 'w4', cellId: 'c4', language: 'typescript', code: 'let total = 1;' });
    const r = await s.session.execute({ runId: 'w5', cellId: 'c4', language: 'typescript', code: 'let total = 2;\ntotal' });
    expect(r.outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '2' } }]);
  });
});

describe('runs without a cell id', () => {
  it('see what earlier runs declared, with no false warning', async () => {
    await s.exec('typescript', 'const fromScript = 40;');
    const r = await s.exec('typescript', 'fromScript + 2');
    expect(r.outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '42' } }]);
  });
});
