/** console.log / console.error text of one stream. */
import type { StreamOutput } from '../../kernel/protocol/notebook';

export function StreamView({ output }: { output: StreamOutput }) {
  return (
    <pre className={`stream-output ${output.name}`} data-testid="stream-output">
      {output.text}
    </pre>
  );
}
