/**
 * Papermill's convention: parameters go in right after the cell tagged `parameters`, as TypeScript
 * constants and DuckDB variables, so scheduled reports can vary by run. The values are JSON when
 * they parse as JSON, else plain strings.
 */
import { randomUUID } from 'node:crypto';
import { quoteLiteral } from '../../common/sqlQuote';
import type { CodeCell, NotebookModel } from '../protocol';

export function injectParameters(nb: NotebookModel, params: Record<string, string>): NotebookModel {
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
