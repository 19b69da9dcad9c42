/** What each keyboard/toolbar command does to the document, the selection and the runner. */
import { useCallback, useRef } from 'react';
import type { Cell, CodeLanguage } from '../../kernel/protocol/notebook';
import {
  deleteCell,
  indexOfCell,
  insertCell,
  insertCells,
  mergeCells,
  moveCell,
  newCell,
  newCellId,
  setCellType,
  splitCell,
  toggleLanguage,
  withNewIds,
} from './documentModel';
import { cursorOffset } from './editorCursor';
import type { Action } from './keymap';
import type { DocumentApi } from './useDocument';

export interface CommandHooks {
  run(cellId: string): Promise<unknown>;
  save(): void;
  help(): void;
  palette(): void;
}

export function useCommands(docApi: DocumentApi, hooks: CommandHooks) {
  const { latest, edit, select, setMode } = docApi;
  // The hooks close over App state that changes every render; commands read the latest ones.
  const h = useRef(hooks);
  h.current = hooks;
  // Cut and copied cells, as in Jupyter: inside the page, not the system clipboard (which keeps
  // the text a person copies from an editor or a grid).
  const clipboard = useRef<Cell[]>([]);

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

  /** Does what the action says, to `cellId` when given (a cell's own menu) or else to the selected cell. */
  const perform = useCallback(
    (action: Action, cellId?: string) => {
      const { doc, selectedId, mode } = latest.current;
      const cells = doc.model.cells;
      const target = cellId ?? selectedId;
      const i = target ? indexOfCell(doc, target) : -1;
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
        case 'undo':
        case 'redo':
          docApi.step(action.type);
          return;
        case 'cut':
        case 'copy':
          if (!id) return;
          clipboard.current = [cells[i]];
          if (action.type === 'cut') perform({ type: 'delete' }, id);
          return;
        case 'paste': {
          if (clipboard.current.length === 0) return;
          const pasted = withNewIds(clipboard.current);
          const at = i < 0 ? cells.length : action.where === 'above' ? i : i + 1;
          edit((d) => insertCells(d, at, pasted), { id: pasted[pasted.length - 1].id, mode: 'command' });
          return;
        }
        case 'merge': {
          const below = cells[i + 1];
          if (!id || !below) return;
          edit((d) => mergeCells(d, [id, below.id]), { id, mode: 'command' });
          return;
        }
        case 'split': {
          const at = id ? cursorOffset(id) : null;
          if (!id || at === null) return;
          const newId = newCellId();
          edit((d) => splitCell(d, id, at, newId).doc, { id: newId, mode: mode === 'edit' && !cellId ? 'edit' : 'command' });
          return;
        }
        case 'move':
          if (id) edit((d) => moveCell(d, id, action.delta), { id, mode: 'command' });
          return;
        case 'palette':
          h.current.palette();
          return;
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
    [latest, edit, select, setMode, insertAt, docApi],
  );

  /** Whether the action would do anything now (the palette lists only those). */
  const canPerform = useCallback(
    (action: Action): boolean => {
      const { doc, selectedId } = latest.current;
      const cells = doc.model.cells;
      const i = selectedId ? indexOfCell(doc, selectedId) : -1;
      switch (action.type) {
        case 'undo':
          return doc.undo.length > 0;
        case 'redo':
          return doc.redo.length > 0;
        case 'paste':
          return clipboard.current.length > 0;
        case 'merge':
          return i >= 0 && i + 1 < cells.length;
        case 'move':
          return i >= 0 && i + action.delta >= 0 && i + action.delta < cells.length;
        case 'split':
          return i >= 0 && cursorOffset(cells[i].id) !== null;
        case 'toggle-language':
          return cells[i]?.type === 'code';
        case 'run':
        case 'enter-edit':
        case 'delete':
        case 'cut':
        case 'copy':
        case 'set-type':
          return i >= 0;
        case 'arm':
        case 'palette':
          return false;
        default:
          return true;
      }
    },
    [latest],
  );

  return { perform, canPerform, insertAt };
}
