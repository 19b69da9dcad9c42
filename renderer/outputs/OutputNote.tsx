/** A note the kernel kept about how a cell ran (common/outputNote.ts): quiet, below the cell's own output's weight. */
import './OutputNote.css';

export function OutputNote({ text }: { text: string }) {
  return (
    <div className="output-note" data-testid="output-note" role="note">
      {text}
    </div>
  );
}
