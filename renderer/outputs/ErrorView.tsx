/**
 * A failed run: the error name, message, the cell line it points at, and the mapped trace. While the
 * cell runs again keeping its outputs (a live re-run) the error is the last run's, not known to hold
 * now: the box is dimmed and says so, until the new result replaces it.
 */
import type { ErrorOutput } from '../../kernel/protocol/notebook';
import { quotesLine } from './quotesLine';

export function ErrorView({ output, source, stale = false }: { output: ErrorOutput; source: string; stale?: boolean }) {
  const lineText = output.line ? source.split('\n')[output.line - 1] : undefined;
  // DuckDB's own "LINE 2: … ^" block already quotes the line, with a caret: a strip below would only
  // repeat it, so it is hidden (kept in the page, with its line number, for what reads the output).
  const quoted = output.line !== undefined && quotesLine(output.message, output.line);
  return (
    <div className={`error-output${stale ? ' stale' : ''}`} data-testid="error-output" data-stale={stale} role="alert">
      {stale && (
        <div className="error-stale-note" data-testid="error-stale-note">
          From the previous run; the cell is running again
        </div>
      )}
      <div className="error-head">
        <span className="error-name">{output.ename}</span>
        <span className="error-message">{output.message}</span>
      </div>
      {output.line !== undefined && (
        <div className="error-line" data-testid="error-line" data-line={output.line} hidden={quoted}>
          <span className="error-line-no">line {output.line}</span>
          {lineText !== undefined && <code>{lineText}</code>}
        </div>
      )}
      {output.traceback.length > 0 && <pre className="error-trace">{output.traceback.join('\n')}</pre>}
    </div>
  );
}
