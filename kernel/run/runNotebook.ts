/**
 * Headless runs (`silt run`): every code cell in order in a fresh session, outputs written into the
 * notebook, parameters injected after the cell tagged `parameters` (papermill's convention) as
 * TypeScript constants and DuckDB variables, so scheduled reports can vary by run.
 */
import { randomUUID } from 'node:crypto';
import { quoteLiteral } from '../../common/sqlQuote';
import type { CodeCell, NotebookModel, RunResult } from '../protocol';
import { SessionProcess } from '../host/SessionProcess';

export interface RunOptions {
  params?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  sessionEntry?: string;
  onCell?(index: number, cell: CodeCell, result: RunResult): void;
}

export interface RunSummary {
  notebook: NotebookModel;
  failed: { index: number; cell: CodeCell; message: string } | null;
}

export async function runNotebook(nb: NotebookModel, opts: RunOptions = {}): Promise<RunSummary> {
  const notebook = injectParameters(nb, opts.params ?? {});
  const proc = new SessionProcess(
    opts.sessionEntry ?? SessionProcess.defaultEntry(),
    { ...process.env, ...opts.env },
    { onOutput() {}, onStatus() {} },
  );
  let failed: RunSummary['failed'] = null;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.type !== 'code') continue;
      if (failed) {
        cell.outputs = [];
        cell.executionCount = null;
        continue;
      }
      const result = await proc.call('execute', {
        runId: randomUUID(),
        cellId: cell.id,
        language: cell.language,
        code: cell.source,
        name: cell.name,
      });
      cell.outputs = result.outputs.map((o) => (o.kind === 'table' ? { ...o, handle: undefined } : o));
      cell.executionCount = result.executionCount;
      cell.elapsedMs = result.elapsedMs;
      opts.onCell?.(index, cell, result);
      if (result.status !== 'ok') {
        const err = result.outputs.find((o) => o.kind === 'error');
        failed = {
          index,
          cell,
          message: err && err.kind === 'error' ? `${err.ename}: ${err.message}${err.line ? ` (line ${err.line})` : ''}` : result.status,
        };
      }
    }
  } finally {
    await proc.kill();
  }
  return { notebook, failed };
}

function injectParameters(nb: NotebookModel, params: Record<string, string>): NotebookModel {
  const copy: NotebookModel = structuredClone(nb);
  const names = Object.keys(params);
  if (names.length === 0) return copy;
  for (const n of names) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new Error(`Parameter "${n}" is not a valid name.`);
  const value = (raw: string) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw; // not JSON: a plain string
    }
  };
  const ts = names.map((n) => `const ${n} = ${JSON.stringify(value(params[n]))};`).join('\n');
  const sql = names.map((n) => `SET VARIABLE "${n}" = ${sqlLiteral(value(params[n]))};`).join('\n');
  const at = copy.cells.findIndex((c) => c.type === 'code' && c.tags?.includes('parameters'));
  const injected: CodeCell[] = [
    {
      id: `params-${randomUUID().slice(0, 8)}`,
      type: 'code',
      language: 'typescript',
      source: ts,
      outputs: [],
      executionCount: null,
      tags: ['injected-parameters'],
    },
    {
      id: `params-${randomUUID().slice(0, 8)}`,
      type: 'code',
      language: 'sql',
      source: sql,
      outputs: [],
      executionCount: null,
      tags: ['injected-parameters'],
    },
  ];
  copy.cells.splice(at + 1, 0, ...injected);
  return copy;
}

function sqlLiteral(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'NULL';
  return quoteLiteral(typeof v === 'string' ? v : JSON.stringify(v));
}
