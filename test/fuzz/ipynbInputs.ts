/**
 * Notebook files for the `.ipynb` reader: random JSON, valid nbformat 4 notebooks with one value
 * replaced by random JSON (a cell, an output, a table bundle's schema), and valid text cut short.
 */
import fc from 'fast-check';

const VALID = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'silt' } },
  cells: [
    { cell_type: 'markdown', id: 'm', metadata: { tags: ['a'] }, source: ['# Title\n', 'text'] },
    {
      cell_type: 'code',
      id: 'c',
      metadata: { silt: { language: 'sql', name: 'sales' } },
      execution_count: 3,
      source: 'select 1',
      outputs: [
        { output_type: 'stream', name: 'stdout', text: ['a\n', 'b'] },
        { output_type: 'error', ename: 'E', evalue: 'bad', traceback: ['line 2:', 'x'] },
        { output_type: 'display_data', data: { 'text/plain': ['1'], 'image/png': 'iVBOR' }, metadata: {} },
        {
          output_type: 'execute_result',
          data: {
            'application/vnd.dataresource+json': {
              schema: { fields: [{ name: 'x', type: 'integer' }] },
              data: [{ x: 1 }],
            },
          },
          metadata: { silt: { rowCount: 10 } },
        },
      ],
    },
    { cell_type: 'raw', metadata: {}, source: '' },
  ],
};

function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

const SLOTS = paths(VALID).filter((p) => p.length > 0);

function replaced(path: (string | number)[], by: unknown): unknown {
  const copy = structuredClone(VALID) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = structuredClone(by);
  return copy;
}

/** Odd values where the reader expects a string, list or object. */
const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(null, [null], [[1]], { name: null }, [{ name: 1 }], '', -1, 1e308, { toString: 0 }, [{ toString: 0 }]),
);

export const ipynbText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.tuple(fc.constantFrom(...SLOTS), odd).map(([p, by]) => JSON.stringify(replaced(p, by))),
  fc.tuple(fc.constantFrom(...SLOTS), fc.constantFrom(...SLOTS), odd, odd).map(([p, q, a, b]) => {
    const once = replaced(p, a) as Record<string | number, unknown>;
    try {
      let node = once;
      for (const k of q.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      node[q[q.length - 1]] = structuredClone(b);
    } catch {
      // the first replacement removed the second path's parent: keep the first only
    }
    return JSON.stringify(once);
  }),
  fc.nat().map((n) => JSON.stringify(VALID).slice(0, n % JSON.stringify(VALID).length)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
