/**
 * The output a TypeScript cell gets when the compiler finds errors in it: a stderr block (shown as a
 * warning, and kept as a Jupyter `stream` output in the saved file) that says the cell ran anyway and
 * lists each error at its line, as `tsc` would.
 */
import type { StreamOutput } from '../../protocol';
import type { CellDiagnostic } from '../../protocol/typescript';

/** More than this are summed up in one line: the first errors are the ones to fix. */
const MAX_LISTED = 10;

export function typeWarning(diagnostics: CellDiagnostic[] | null): StreamOutput | null {
  const errors = (diagnostics ?? []).filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  const head = `TypeScript: ${errors.length === 1 ? '1 type error' : `${errors.length} type errors`} (the cell ran anyway)`;
  const lines = errors
    .slice(0, MAX_LISTED)
    .map((d) => `  line ${d.line}, col ${d.column}: ${d.message.replace(/\n/g, '\n    ')} (TS${d.code})`);
  if (errors.length > MAX_LISTED) lines.push(`  … and ${errors.length - MAX_LISTED} more`);
  return { kind: 'stream', name: 'stderr', text: `${head}\n${lines.join('\n')}\n` };
}
