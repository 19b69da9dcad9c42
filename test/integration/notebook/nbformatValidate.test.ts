import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipynbText } from '../../../kernel/notebook/toIpynb';
import { welcomeNotebook } from '../../../kernel/demo/welcomeNotebook';

// Jupyter's own validator (Debian's python3-nbformat, installed by .ci/run) must accept what Silt writes.
describe('files Silt writes', () => {
  it('pass nbformat.validate as nbformat 4.5', () => {
    const nb = welcomeNotebook();
    const code = nb.cells.find((c) => c.type === 'code')!;
    if (code.type === 'code') {
      code.executionCount = 1;
      code.outputs = [
        { kind: 'table', rowCount: 3, columns: [{ name: 'a', type: 'INTEGER' }], rows: [[1], [2], [3]] },
        { kind: 'stream', name: 'stdout', text: 'hello\n' },
        { kind: 'rich', data: { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'text/plain': '<svg>' } },
        { kind: 'error', ename: 'TypeError', message: 'x', line: 2, traceback: ['line 2: y'] },
      ];
    }
    const file = join(mkdtempSync(join(tmpdir(), 'silt-nb-')), 'welcome.ipynb');
    writeFileSync(file, ipynbText(nb));
    const out = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print("valid", nb.nbformat, nb.nbformat_minor)',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('valid 4 5');
  });
});
