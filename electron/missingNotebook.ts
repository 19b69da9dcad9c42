/**
 * What the shell says when a notebook asked for from outside the page is not there (deleted, moved,
 * renamed, an unplugged drive): the file by name and where it was, and, from Open Recent, an offer to
 * take it off the list. Pure: the dialog's text and buttons are tested in Node.
 */
import { basename, dirname } from 'node:path';

export interface MissingNotebookDialog {
  message: string;
  detail: string;
  buttons: string[];
  /** The button that removes it from Open Recent, if offered. */
  removeButton: number | null;
}

export function missingNotebookDialog(path: string, fromRecent: boolean): MissingNotebookDialog {
  const message = `“${basename(path)}” could not be opened`;
  const where = `There is no notebook file at ${path} any more. It may have been moved, renamed or deleted, or ${dirname(path)} is not available.`;
  if (!fromRecent) return { message, detail: where, buttons: ['OK'], removeButton: null };
  return { message, detail: `${where}\n\nRemove it from Open Recent?`, buttons: ['Remove from Open Recent', 'Keep'], removeButton: 0 };
}
