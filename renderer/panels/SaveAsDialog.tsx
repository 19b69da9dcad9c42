/** Asks for a file name inside the workspace. */
import { useState } from 'react';
import { Dialog } from './Dialog';

export function SaveAsDialog({ initial, onSave, onCancel }: { initial: string; onSave(path: string): void; onCancel(): void }) {
  const [name, setName] = useState(initial);
  const valid = name.trim() !== '';
  return (
    <Dialog
      title="Save notebook as"
      testId="save-as-dialog"
      okLabel="Save"
      okDisabled={!valid}
      onOk={() => onSave(name.trim())}
      onCancel={onCancel}
    >
      <label className="field">
        <span>File name (relative to the workspace)</span>
        <input
          data-testid="save-as-input"
          value={name}
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
          placeholder="analysis.ipynb"
        />
      </label>
    </Dialog>
  );
}
