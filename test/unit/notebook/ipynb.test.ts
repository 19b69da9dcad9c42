import { describe, expect, it } from 'vitest';
import type { NotebookModel, TableOutput } from '../../../kernel/protocol';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import { ipynbText, toIpynb } from '../../../kernel/notebook/toIpynb';
import { NotebookFormatError } from '../../../kernel/notebook/NotebookFormatError';

const bigTable: TableOutput = {
  kind: 'table',
  handle: 'h1',
  rowCount: 10_000_000,
  columns: [
    { name: 'n', type: 'BIGINT' },
    { name: 'label', type: 'VARCHAR' },
  ],
  rows: Array.from({ length: 200 }, (_, i) => [String(i), `row ${i}`]),
};

const model: NotebookModel = {
  metadata: { authors: [{ name: 'Ada' }], custom: { keep: true } },
  cells: [
    { id: 'md1', type: 'markdown', source: '# Title\n\ntext', tags: ['intro'] },
    {
      id: 'sql1',
      type: 'code',
      language: 'sql',
      name: 'orders',
      source: 'select *\nfrom range(10000000)',
      outputs: [bigTable],
      executionCount: 1,
      elapsedMs: 120,
      extraMetadata: { collapsed: false, jupyter: { source_hidden: true } },
    },
    {
      id: 'ts1',
      type: 'code',
      language: 'typescript',
      source: 'console.log(1)\nnull.x',
      outputs: [
        { kind: 'stream', name: 'stdout', text: '1\n' },
        { kind: 'error', ename: 'TypeError', message: 'boom', line: 2, traceback: ['line 2: null.x'] },
      ],
      executionCount: 2,
      tags: ['parameters'],
    },
  ],
};

describe('.ipynb', () => {
  it('round-trips cells, languages, names, tags and unknown metadata', () => {
    const back = parseIpynb(ipynbText(model));
    expect(back.metadata).toMatchObject({ authors: [{ name: 'Ada' }], custom: { keep: true }, kernelspec: { name: 'silt' } });
    expect(back.cells.map((c) => c.id)).toEqual(['md1', 'sql1', 'ts1']);
    const sql = back.cells[1];
    expect(sql).toMatchObject({
      type: 'code',
      language: 'sql',
      name: 'orders',
      executionCount: 1,
      elapsedMs: 120,
      extraMetadata: { collapsed: false, jupyter: { source_hidden: true } },
    });
    expect(back.cells[2]).toMatchObject({ language: 'typescript', tags: ['parameters'] });
    expect(back.cells[0]).toMatchObject({ type: 'markdown', source: '# Title\n\ntext', tags: ['intro'] });
  });

  it('stores a table as a data resource with its first 100 rows and the full row count', () => {
    const json = toIpynb(model) as {
      cells: { outputs?: { output_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[] }[];
    };
    const out = json.cells[1].outputs![0];
    expect(out.output_type).toBe('execute_result');
    const res = out.data['application/vnd.dataresource+json'] as { schema: { fields: { name: string; type: string }[] }; data: unknown[] };
    expect(res.data).toHaveLength(100);
    expect(res.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['n', 'integer'],
      ['label', 'string'],
    ]);
    expect(out.data['text/html']).toContain('<table>');
    expect(out.metadata).toEqual({ silt: { rowCount: 10_000_000, storedRows: 100 } });
    const back = parseIpynb(ipynbText(model)).cells[1] as { outputs: TableOutput[] };
    expect(back.outputs[0]).toMatchObject({ kind: 'table', rowCount: 10_000_000 });
    expect(back.outputs[0].rows[99]).toEqual(['99', 'row 99']);
    expect(back.outputs[0].handle).toBeUndefined();
  });

  it('keeps the error line and the stream text', () => {
    const back = parseIpynb(ipynbText(model)).cells[2] as { outputs: unknown[] };
    expect(back.outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: '1\n' },
      { kind: 'error', ename: 'TypeError', message: 'boom', line: 2, traceback: ['line 2: null.x'] },
    ]);
  });

  it('opens a notebook written by Jupyter (nbformat 4.2, no ids, python outputs)', () => {
    const jupyter = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 2,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: [
        {
          cell_type: 'code',
          execution_count: 3,
          metadata: {},
          source: ['x = 1\n', 'x'],
          outputs: [{ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': ['1'] }, metadata: {} }],
        },
        { cell_type: 'markdown', metadata: {}, source: 'hi' },
      ],
    });
    const nb = parseIpynb(jupyter);
    expect(nb.cells).toHaveLength(2);
    expect(nb.cells[0]).toMatchObject({ type: 'code', source: 'x = 1\nx', outputs: [{ kind: 'rich', data: { 'text/plain': '1' } }] });
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(2);
  });

  it.each([
    ['wrong JSON', '{"cells": [', /not valid JSON/],
    ['an unknown nbformat', JSON.stringify({ nbformat: 3, cells: [] }), /nbformat 3/],
    ['no cells', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {} }), /no "cells"/],
    [
      'a strange cell',
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'widget' }] }),
      /unknown type "widget"/,
    ],
  ])('refuses %s with a clear message', (_n, text, pattern) => {
    expect(() => parseIpynb(text, 'x.ipynb')).toThrow(NotebookFormatError);
    expect(() => parseIpynb(text, 'x.ipynb')).toThrow(pattern);
  });
});
