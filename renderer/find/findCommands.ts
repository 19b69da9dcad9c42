/** Find's commands for the command palette, as plain objects (App passes them to the palette's list). */
import type { Command } from '../commands/commandList';
import { requestFind } from './findEvents';

export const findCommands: Command[] = [
  { id: 'find.open', title: 'Find in notebook', keys: 'Ctrl/⌘+F', group: 'Edit', run: () => requestFind({ kind: 'find' }) },
  {
    id: 'find.replace',
    title: 'Find and replace in notebook',
    keys: 'Ctrl/⌘+H',
    group: 'Edit',
    run: () => requestFind({ kind: 'replace' }),
  },
  { id: 'find.next', title: 'Find next match', keys: 'F3', group: 'Edit', run: () => requestFind({ kind: 'next' }) },
  { id: 'find.previous', title: 'Find previous match', keys: 'Shift+F3', group: 'Edit', run: () => requestFind({ kind: 'previous' }) },
];
