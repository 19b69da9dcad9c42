/**
 * The output a TypeScript cell gets when the compiler finds errors in it: a stderr block (shown as a
 * warning, and kept as a Jupyter `stream` output in the saved file) that lists each error at its
 * line, as `tsc` would. It says the cell ran anyway only when it did: a cell that failed (SQL typed
 * into a TypeScript cell is a syntax error, not a type error) stopped, and its error follows.
 */
import type { StreamOutput } from '../../protocol';
import type { CellDiagnostic } from '../../protocol/typescript';

/** More than this are summed up in one line: the first errors are the ones to fix. */
const MAX_LISTED = 10;

export function typeWarning(diagnostics: CellDiagnostic[] | null, ran = true): StreamOutput | null {
  const errors = (diagnostics ?? []).filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  const n = errors.length;
  const head = ran
    ? `TypeScript: ${n === 1 ? '1 type error' : `${n} type errors`} (the cell ran anyway)`
    : `TypeScript: ${n === 1 ? '1 error' : `${n} errors`}; the cell stopped with the error below`;
  const lines = errors
    .slice(0, MAX_LISTED)
    .map((d) => `  line ${d.line}, col ${d.column}: ${d.message.replace(/\n/g, '\n    ')} (TS${d.code})`);
  if (errors.length > MAX_LISTED) lines.push(`  … and ${errors.length - MAX_LISTED} more`);
  return { kind: 'stream', name: 'stderr', text: `${head}\n${lines.join('\n')}\n` };
}
