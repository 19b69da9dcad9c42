/**
 * "Expectations…" on a result: profiles it in the session and proposes an EXPECT ON cell (nulls,
 * ranges, values, uniqueness) that holds on it; the analyst edits the text and inserts it as a cell,
 * which runs at once and shows every rule passing.
 */
import { useEffect, useState } from 'react';
import { useNotebookActions } from '../notebook/NotebookContext';
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { Dialog } from '../panels/Dialog';
import './SuggestExpectationsDialog.css';

export function SuggestExpectationsDialog({ output, cellId, onClose }: ResultActionProps) {
  const { client, sessionId, nameResult, insertCells } = useNotebookActions();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        // The cell checks the result by name, so it still runs after a restart or in Run all.
        const name = await nameResult(cellId, output.handle);
        const id = sessionId();
        if (!name || !id) throw new Error('Only a SQL result can be checked: name it first.');
        const { text } = await client.request('quality.suggest', { sessionId: id, table: name });
        if (live) setText(text);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, sessionId, nameResult, cellId, output.handle]);

  return (
    <Dialog
      title="Suggested expectations"
      testId="suggest-expectations"
      wide
      okLabel="Insert cell"
      okDisabled={!text}
      onOk={() => {
        if (!text) return;
        insertCells(cellId, [{ type: 'code', language: 'sql', source: text.trimEnd() }], true);
        onClose();
      }}
      onCancel={onClose}
    >
      <p className="quality-hint">Rules that hold on this result now; edit them, then insert them as an expectation cell.</p>
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
