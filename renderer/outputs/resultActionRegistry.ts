/**
 * Result actions as contribution points: a feature adds a button to every live table result (one the
 * session still holds) by registering it from its own `*.contribution.ts`, and the grid lists what is
 * registered. outputs/ thus never imports a feature, and the dialogs can import these types without
 * an import cycle. renderer/contributions.ts loads every contribution once, at start-up.
 */
import type { ComponentType } from 'react';
import type { TableOutput } from '../../kernel/protocol/notebook';

export interface ResultActionProps {
  output: TableOutput & { handle: string };
  /** The cell that produced the result. */
  cellId: string;
  onClose(): void;
}

export interface ResultAction {
  /** Unique; the button's test id is `result-action-<id>`. */
  id: string;
  label: string;
  title: string;
  /** Buttons sort by it, so their order does not depend on the order contributions load. */
  order: number;
  /** How much it is used: where a narrow result runs short of room, the lowest fold into "More ▾" first. */
  rank: number;
  Dialog: ComponentType<ResultActionProps>;
}

const actions = new Map<string, ResultAction>();
/** Kept in button order as actions register (once, at start), so a table output's render only reads it. */
let ordered: ResultAction[] = [];

export function registerResultAction(action: ResultAction): void {
  if (actions.has(action.id)) throw new Error(`Result action "${action.id}" is registered twice`);
  actions.set(action.id, action);
  ordered = [...actions.values()].sort((a, b) => a.order - b.order);
}

/** Every registered action, in button order. */
export function resultActions(): readonly ResultAction[] {
  return ordered;
}
