/**
 * The buttons on a live table result (one the session still holds), one per registered result action
 * (see resultActionRegistry.ts); each opens its own dialog.
 */
import { useState } from 'react';
import type { TableOutput } from '../../kernel/protocol/notebook';
import { resultActions } from './resultActionRegistry';

export function ResultActions({ output, cellId }: { output: TableOutput; cellId: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const handle = output.handle;
  const actions = resultActions();
  if (!handle || actions.length === 0) return null;
  const action = actions.find((a) => a.id === open);
  return (
    <span className="result-actions">
      {actions.map((a) => (
        <button
          key={a.id}
          className="btn btn-ghost btn-small"
          data-testid={`result-action-${a.id}`}
          title={a.title}
          onClick={() => setOpen(a.id)}
        >
          {a.label}
        </button>
      ))}
      {action && <action.Dialog output={{ ...output, handle }} cellId={cellId} onClose={() => setOpen(null)} />}
    </span>
  );
}
