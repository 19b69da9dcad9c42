/**
 * Suggested expectations, for a result ("Expectations…") or a catalog table ("Suggest
 * expectations…"): the session profiles the table and proposes an EXPECT ON cell (nulls, ranges,
 * values, uniqueness) that holds on it; the analyst edits the text and inserts it as a cell, which
 * runs at once and shows every rule passing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotebookActions } from '../notebook/NotebookContext';
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { Dialog } from '../panels/Dialog';
import './SuggestExpectationsDialog.css';

/** On a result: the cell checks the result by name, so it still runs after a restart or in Run all. */
export function SuggestExpectationsDialog({ output, cellId, onClose }: ResultActionProps) {
  const { nameResult } = useNotebookActions();
  const table = useCallback(async () => {
    const name = await nameResult(cellId, output.handle);
    if (!name) throw new Error('Only a SQL result can be checked: name it first.');
    return name;
  }, [nameResult, cellId, output.handle]);
  return <ExpectationSuggestions table={table} afterCellId={cellId} onClose={onClose} />;
}

interface Props {
  /** The name the cell checks, as SQL writes it. */
  table(): Promise<string>;
  /** Where the cell goes: below this cell, or below the selected one when null. */
  afterCellId: string | null;
  onClose(): void;
}

export function ExpectationSuggestions({ table, afterCellId, onClose }: Props) {
  const { client, sessionId, insertCells } = useNotebookActions();
  // The table is asked for once, when the dialog opens, however often its owner re-renders.
  const first = useRef(table);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const name = await first.current();
        const id = sessionId();
        if (!id) throw new Error('The notebook has no session: run a cell first.');
        const { text } = await client.request('quality.suggest', { sessionId: id, table: name });
        if (live) setText(text);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, sessionId]);

  return (
    <Dialog
      title="Suggested expectations"
      testId="suggest-expectations"
      wide
      okLabel="Insert cell"
      okDisabled={!text}
      onOk={() => {
        if (!text) return;
        insertCells(afterCellId, [{ type: 'code', language: 'sql', source: text.trimEnd() }], true);
        onClose();
      }}
      onCancel={onClose}
    >
      <p className="quality-hint">Rules that hold on this table now; edit them, then insert them as an expectation cell.</p>
      {error ? (
        <p role="alert" className="quality-error">
          {error}
        </p>
      ) : text === null ? (
        <p aria-busy="true">Profiling the result…</p>
      ) : (
        <textarea
          className="quality-text"
          aria-label="Expectation cell"
          data-testid="suggested-expectations"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
    </Dialog>
  );
}
