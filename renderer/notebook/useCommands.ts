/** What each keyboard/toolbar command does to the document, the selection and the runner. */
import { useCallback, useRef } from 'react';
import type { CodeLanguage } from '../../kernel/protocol/notebook';
import { deleteCell, indexOfCell, insertCell, newCell, setCellType, toggleLanguage, undoDelete } from './documentModel';
import type { Action } from './keymap';
import type { DocumentApi } from './useDocument';

export interface CommandHooks {
  run(cellId: string): Promise<unknown>;
  save(): void;
  help(): void;
}

export function useCommands(docApi: DocumentApi, hooks: CommandHooks) {
  const { latest, edit, select, setMode } = docApi;
  // The hooks close over App state that changes every render; commands read the latest ones.
  const h = useRef(hooks);
  h.current = hooks;

  /** New cells take the language of the selected code cell, so a SQL notebook stays SQL. */
  const languageNear = useCallback((): CodeLanguage => {
    const { doc, selectedId } = latest.current;
    const cell = doc.model.cells.find((c) => c.id === selectedId);
    return cell?.type === 'code' ? cell.language : 'sql';
  }, [latest]);

  const insertAt = useCallback(
    (index: number, mode: 'command' | 'edit', type: 'code' | 'markdown' = 'code') => {
      const cell = newCell(type, languageNear());
      edit((doc) => insertCell(doc, index, cell), { id: cell.id, mode });
      return cell.id;
    },
    [edit, languageNear],
  );

  const perform = useCallback(
    (action: Action) => {
      const { doc, selectedId } = latest.current;
      const cells = doc.model.cells;
      const i = selectedId ? indexOfCell(doc, selectedId) : -1;
      const id = i >= 0 ? cells[i].id : null;
      switch (action.type) {
        case 'run': {
          if (!id) return;
          void h.current.run(id);
          if (action.then === 'stay') select(id, 'command');
          else if (action.then === 'insert-below') insertAt(i + 1, 'edit');
          else if (i + 1 < cells.length) select(cells[i + 1].id, 'command');
          else insertAt(cells.length, 'edit');
          return;
        }
        case 'enter-edit':
          if (id) setMode('edit');
          return;
        case 'enter-command':
          setMode('command');
          return;
        case 'insert':
          insertAt(action.where === 'above' ? Math.max(i, 0) : i + 1, 'command');
          return;
        case 'arm':
          return;
        case 'delete': {
          if (!id) return;
          const next = cells[i + 1] ?? cells[i - 1] ?? null;
          edit((d) => deleteCell(d, id), next ? { id: next.id, mode: 'command' } : undefined);
          return;
        }
        case 'undo-delete': {
          const { restoredId } = undoDelete(doc);
          if (restoredId) edit((d) => undoDelete(d).doc, { id: restoredId, mode: 'command' });
          return;
        }
        case 'set-type':
          if (id) edit((d) => setCellType(d, id, action.cellType, languageNear()));
          return;
        case 'toggle-language':
          if (id) edit((d) => toggleLanguage(d, id));
          return;
        case 'select': {
          const target = cells[Math.max(0, Math.min(cells.length - 1, i + action.delta))];
          if (target) select(target.id, 'command');
          return;
        }
        case 'save':
          h.current.save();
          return;
        case 'help':
          h.current.help();
          return;
      }
    },
    [latest, edit, select, setMode, insertAt],
  );

  return { perform, insertAt };
}
