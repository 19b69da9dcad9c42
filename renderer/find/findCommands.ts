/** Find's commands for the command palette, as plain objects (the palette's registry lists them). */
import { requestFind } from './findEvents';

export const findCommands = [
  { id: 'find.open', title: 'Find in notebook', keys: 'Ctrl+F', run: () => requestFind({ kind: 'find' }) },
  { id: 'find.replace', title: 'Find and replace in notebook', keys: 'Ctrl+H', run: () => requestFind({ kind: 'replace' }) },
  { id: 'find.next', title: 'Find next match', keys: 'F3', run: () => requestFind({ kind: 'next' }) },
  { id: 'find.previous', title: 'Find previous match', keys: 'Shift+F3', run: () => requestFind({ kind: 'previous' }) },
];
