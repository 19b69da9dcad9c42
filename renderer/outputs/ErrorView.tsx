/** A failed run: the error name, message, the cell line it points at, and the mapped trace. */
import type { ErrorOutput } from '../../kernel/protocol/notebook';

export function ErrorView({ output, source }: { output: ErrorOutput; source: string }) {
  const lineText = output.line ? source.split('\n')[output.line - 1] : undefined;
  return (
    <div className="error-output" data-testid="error-output" role="alert">
      <div className="error-head">
        <span className="error-name">{output.ename}</span>
        <span className="error-message">{output.message}</span>
      </div>
      {output.line !== undefined && (
        <div className="error-line" data-testid="error-line">
          <span className="error-line-no">line {output.line}</span>
          {lineText !== undefined && <code>{lineText}</code>}
        </div>
      )}
      {output.traceback.length > 0 && <pre className="error-trace">{output.traceback.join('\n')}</pre>}
    </div>
  );
}
