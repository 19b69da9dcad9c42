import { describe, expect, it } from 'vitest';
import type { NotebookModel } from '../../../kernel/protocol';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import { ipynbText, toIpynb } from '../../../kernel/notebook/toIpynb';

const nb = (live?: 'auto' | 'manual'): NotebookModel => ({
  metadata: {},
  cells: [{ id: 'c', type: 'code', language: 'sql', source: 'SELECT 1', outputs: [], executionCount: null, ...(live ? { live } : {}) }],
});

describe('a cell live switch in .ipynb', () => {
  for (const live of ['auto', 'manual'] as const) {
    it(`round-trips ${live} as metadata.silt.live`, () => {
      const json = toIpynb(nb(live)) as { cells: { metadata: { silt: Record<string, unknown> } }[] };
      expect(json.cells[0].metadata.silt.live).toBe(live);
      const back = parseIpynb(ipynbText(nb(live)));
      expect(back.cells[0]).toMatchObject({ live });
    });
  }

  it('writes nothing for a cell that never chose, and ignores unknown values', () => {
    const json = toIpynb(nb()) as { cells: { metadata: { silt: Record<string, unknown> } }[] };
    expect('live' in json.cells[0].metadata.silt).toBe(false);
    const odd = ipynbText(nb()).replace('"language": "sql"', '"language": "sql", "live": "always"');
    expect('live' in parseIpynb(odd).cells[0]).toBe(false);
  });
});
