/**
 * The actions on a live table result (one the session still holds), one per registered result action
 * (see resultActionRegistry.ts), as tool items for the grid's header line; each opens its own dialog.
 */
import { useState, type ReactNode } from 'react';
import type { TableOutput } from '../../kernel/protocol/notebook';
import type { MenuItem } from '../toolbar/ToolbarMenu';
import { resultActions } from './resultActionRegistry';

const NONE = { items: [] as MenuItem[], dialog: null };

/** `cellId` undefined: a grid outside a cell (a preview), which offers none. */
export function useResultActions(output: TableOutput, cellId: string | undefined): { items: MenuItem[]; dialog: ReactNode } {
  const [open, setOpen] = useState<string | null>(null);
  const handle = output.handle;
  if (!handle || cellId === undefined) return NONE;
  const actions = resultActions();
  const action = actions.find((a) => a.id === open);
  return {
    items: actions.map((a) => ({
      id: `result-action-${a.id}`,
      label: a.label,
      title: a.title,
      rank: a.rank,
      onSelect: () => setOpen(a.id),
    })),
    dialog: action ? <action.Dialog output={{ ...output, handle }} cellId={cellId} onClose={() => setOpen(null)} /> : null,
  };
}
