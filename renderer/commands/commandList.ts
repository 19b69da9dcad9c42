/**
 * Every command of the window in one list: the command palette (Ctrl/⌘+Shift+P) shows it, the
 * shortcuts help (H) is made from it, so the two never disagree with each other or with the keys.
 *
 * A feature adds its commands by handing them to App, which passes them in as `extra`:
 * `{ id: 'find.open', title: 'Find and replace', keys: 'Ctrl/⌘+F', group: 'Edit', run: open }`.
 */
import type { Action } from '../notebook/keymap';

export type CommandGroup = 'Run' | 'Cell' | 'Edit' | 'Notebook' | 'View';

export interface Command {
  /** Stable and unique, e.g. `cell.merge`. */
  id: string;
  title: string;
  /** The keys as a person reads them (`Shift+M`); none when the command has no shortcut. */
  keys?: string;
  group: CommandGroup;
  /** False hides the command from the palette (nothing to paste, nothing to undo). */
  enabled?(): boolean;
  run(): void;
}

/** What App does for the toolbar's buttons; the palette offers the same. */
export interface WindowCommands {
  newNotebook(): void;
  open(): void;
  save(): void;
  saveAs(): void;
  exportNotebook(): void;
  runAll(): void;
  runAbove(): void;
  runBelow(): void;
  interrupt(): void;
  restart(): void;
  toggleTheme(): void;
  toggleCatalog(): void;
  help(): void;
}

interface KeyedAction {
  id: string;
  title: string;
  keys?: string;
  group: CommandGroup;
  action: Action;
}

/** The notebook keymap's actions, with the keys keymap.ts gives them. */
const KEYMAP_ACTIONS: KeyedAction[] = [
  {
    id: 'run.selectNext',
    title: 'Run cell and select the next',
    keys: 'Shift+Enter',
    group: 'Run',
    action: { type: 'run', then: 'select-next' },
  },
  { id: 'run.stay', title: 'Run cell', keys: 'Ctrl/⌘+Enter', group: 'Run', action: { type: 'run', then: 'stay' } },
  {
    id: 'run.insertBelow',
    title: 'Run cell and insert one below',
    keys: 'Alt+Enter',
    group: 'Run',
    action: { type: 'run', then: 'insert-below' },
  },
  { id: 'cell.edit', title: 'Edit the selected cell', keys: 'Enter', group: 'Cell', action: { type: 'enter-edit' } },
  { id: 'cell.commandMode', title: 'Leave the editor (command mode)', keys: 'Esc', group: 'Cell', action: { type: 'enter-command' } },
  { id: 'cell.selectPrevious', title: 'Select the previous cell', keys: '↑ / K', group: 'Cell', action: { type: 'select', delta: -1 } },
  { id: 'cell.selectNext', title: 'Select the next cell', keys: '↓ / J', group: 'Cell', action: { type: 'select', delta: 1 } },
  { id: 'cell.insertAbove', title: 'Insert a cell above', keys: 'A', group: 'Cell', action: { type: 'insert', where: 'above' } },
  { id: 'cell.insertBelow', title: 'Insert a cell below', keys: 'B', group: 'Cell', action: { type: 'insert', where: 'below' } },
  { id: 'cell.delete', title: 'Delete cell', keys: 'D D', group: 'Cell', action: { type: 'delete' } },
  { id: 'cell.cut', title: 'Cut cell', keys: 'X', group: 'Cell', action: { type: 'cut' } },
  { id: 'cell.copy', title: 'Copy cell', keys: 'C', group: 'Cell', action: { type: 'copy' } },
  { id: 'cell.pasteBelow', title: 'Paste cell below', keys: 'V', group: 'Cell', action: { type: 'paste', where: 'below' } },
  { id: 'cell.pasteAbove', title: 'Paste cell above', keys: 'Shift+V', group: 'Cell', action: { type: 'paste', where: 'above' } },
  { id: 'cell.merge', title: 'Merge with the cell below', keys: 'Shift+M', group: 'Cell', action: { type: 'merge' } },
  { id: 'cell.split', title: 'Split cell at the cursor', keys: 'Ctrl/⌘+Shift+-', group: 'Cell', action: { type: 'split' } },
  { id: 'cell.moveUp', title: 'Move cell up', keys: 'Ctrl/⌘+Shift+↑', group: 'Cell', action: { type: 'move', delta: -1 } },
  { id: 'cell.moveDown', title: 'Move cell down', keys: 'Ctrl/⌘+Shift+↓', group: 'Cell', action: { type: 'move', delta: 1 } },
  {
    id: 'cell.toMarkdown',
    title: 'Change to a markdown cell',
    keys: 'M',
    group: 'Cell',
    action: { type: 'set-type', cellType: 'markdown' },
  },
  { id: 'cell.toCode', title: 'Change to a code cell', keys: 'Y', group: 'Cell', action: { type: 'set-type', cellType: 'code' } },
  { id: 'cell.toggleLanguage', title: 'Switch SQL / TypeScript', keys: 'L', group: 'Cell', action: { type: 'toggle-language' } },
  { id: 'edit.undo', title: 'Undo cell operation', keys: 'Z / Ctrl/⌘+Z', group: 'Edit', action: { type: 'undo' } },
  { id: 'edit.redo', title: 'Redo cell operation', keys: 'Shift+Z / Ctrl/⌘+Shift+Z', group: 'Edit', action: { type: 'redo' } },
];

export function commandList(
  perform: (a: Action) => void,
  canPerform: (a: Action) => boolean,
  win: WindowCommands,
  extra: Command[] = [],
): Command[] {
  const keyed: Command[] = KEYMAP_ACTIONS.map(({ action, ...c }) => ({
    ...c,
    enabled: () => canPerform(action),
    run: () => perform(action),
  }));
  const windowCommands: Command[] = [
    { id: 'notebook.new', title: 'New notebook', group: 'Notebook', run: win.newNotebook },
    { id: 'notebook.open', title: 'Open notebook…', group: 'Notebook', run: win.open },
    { id: 'notebook.save', title: 'Save', keys: 'Ctrl/⌘+S', group: 'Notebook', run: win.save },
    { id: 'notebook.saveAs', title: 'Save as…', group: 'Notebook', run: win.saveAs },
    {
      id: 'notebook.export',
      title: 'Export as HTML, PDF, Markdown or ipynb…',
      keys: 'Ctrl/⌘+Shift+E',
      group: 'Notebook',
      run: win.exportNotebook,
    },
    { id: 'run.all', title: 'Run all cells', group: 'Run', run: win.runAll },
    { id: 'run.above', title: 'Run all cells above', group: 'Run', run: win.runAbove },
    { id: 'run.below', title: 'Run the selected cell and all below', group: 'Run', run: win.runBelow },
    { id: 'session.interrupt', title: 'Interrupt the running cell', group: 'Run', run: win.interrupt },
    { id: 'session.restart', title: 'Restart the session', group: 'Run', run: win.restart },
    { id: 'view.theme', title: 'Toggle light / dark theme', group: 'View', run: win.toggleTheme },
    { id: 'view.catalog', title: 'Show / hide the catalog', group: 'View', run: win.toggleCatalog },
    { id: 'view.palette', title: 'Command palette', keys: 'Ctrl/⌘+Shift+P', group: 'View', run: () => undefined, enabled: () => false },
    { id: 'view.help', title: 'Keyboard shortcuts', keys: 'H', group: 'View', run: win.help },
  ];
  return [...keyed, ...windowCommands, ...extra];
}

/** What the palette offers: the enabled commands. */
export function availableCommands(commands: Command[]): Command[] {
  return commands.filter((c) => c.enabled?.() ?? true);
}
