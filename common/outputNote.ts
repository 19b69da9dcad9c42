/**
 * A quiet line the kernel keeps in a cell's output about how the run went, not something the cell
 * printed: e.g. that a read of a shared table skipped files by their statistics. It travels as a rich
 * output of its own MIME type with a `text/plain` copy, so the window shows it as a note while
 * reports, Jupyter and older Silt versions show the plain line.
 */
export const NOTE_MIME = 'text/vnd.silt.note';

export function noteOutput(text: string): { kind: 'rich'; data: Record<string, string> } {
  return { kind: 'rich', data: { [NOTE_MIME]: text, 'text/plain': text } };
}
