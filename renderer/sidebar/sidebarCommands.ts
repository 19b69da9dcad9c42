/** The side panels' commands for the command palette, as plain objects (each toggles its panel). */
import { requestSidePanel } from './sidebarEvents';

export const sidebarCommands = [
  { id: 'sidebar.variables', title: 'Show or hide the variables panel', keys: '', run: () => requestSidePanel('variables') },
  { id: 'sidebar.outline', title: 'Show or hide the outline (table of contents)', keys: '', run: () => requestSidePanel('outline') },
];
