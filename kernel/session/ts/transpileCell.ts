/**
 * TypeScript cell → runnable JavaScript. esbuild strips types (fast, no type checking: a notebook must
 * run what the analyst wrote even when types are loose); a syntax error comes back with its line in
 * the cell. The source map lets runtime errors point at the cell's own lines.
 */
import { SiltError } from '../../../common/SiltError';
import { transformSync } from 'esbuild';
import { SourceMapConsumer } from 'source-map-js';
import { rewriteTopLevel } from './rewriteTopLevel';

export interface TranspiledCell {
  code: string;
  identifiers: Set<string>;
  /** Maps a line/column of the running code back to the cell's 1-based line. */
  originalLine(line: number, column: number): number | undefined;
}

export class CellSyntaxError extends SiltError {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super('bad-request', message);
  }
}

export function transpileCell(source: string, filename: string): TranspiledCell {
  let result;
  try {
    result = transformSync(source, { loader: 'ts', sourcemap: 'external', sourcefile: filename, target: 'es2022' });
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    if (first) throw new CellSyntaxError(first.text, first.location?.line);
    throw e;
  }
  let rewritten;
  try {
    rewritten = rewriteTopLevel(result.code);
  } catch (e) {
    throw new CellSyntaxError((e as Error).message);
  }
  const consumer = new SourceMapConsumer(JSON.parse(result.map));
  const prefixLength = rewritten.prefixLength;
  return {
    code: rewritten.code,
    identifiers: rewritten.identifiers,
    originalLine(line, column) {
      const col = line === 1 ? Math.max(0, column - prefixLength) : column;
      const pos = consumer.originalPositionFor({ line, column: col, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
      if (pos.line != null) return pos.line;
      const after = consumer.originalPositionFor({ line, column: col, bias: SourceMapConsumer.LEAST_UPPER_BOUND });
      return after.line ?? undefined;
    },
  };
}
