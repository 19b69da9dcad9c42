/** The side panels' commands for the command palette, as plain objects (each toggles its panel). */
import type { Command } from '../commands/commandList';
import { requestSidePanel } from './sidebarEvents';

export const sidebarCommands: Command[] = [
  { id: 'view.variables', title: 'Show or hide the variables panel', group: 'View', run: () => requestSidePanel('variables') },
  { id: 'view.outline', title: 'Show or hide the outline (table of contents)', group: 'View', run: () => requestSidePanel('outline') },
];
