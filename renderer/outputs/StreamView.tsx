/** console.log / console.error text of one stream; where a long output was cut, the marker stands out. */
import { memo, useMemo } from 'react';
import type { StreamOutput } from '../../kernel/protocol/notebook';
import { streamBlocks } from './streamBlocks';

export function StreamView({ output }: { output: StreamOutput }) {
  const blocks = useMemo(() => streamBlocks(output.text), [output.text]);
  return (
    <pre className={`stream-output ${output.name}${blocks.length > 1 ? ' stream-long' : ''}`} data-testid="stream-output">
      {blocks.map((b) =>
        b.cut ? (
          <span
            key={b.key}
            className="stream-cut"
            data-testid="stream-cut"
            title="Silt keeps the first and the last lines of a long output"
          >
            {b.text}
          </span>
        ) : (
          <Block key={b.key} text={b.text} />
        ),
      )}
    </pre>
  );
}

/** Re-rendered only when its own lines change. */
const Block = memo(function Block({ text }: { text: string }) {
  return <span className="stream-block">{text}</span>;
});
