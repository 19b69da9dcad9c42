/** "Save changes to X?" before a notebook with edits is replaced (New, Open, a recent file). */
import { Dialog } from './Dialog';

interface Props {
  name: string;
  onSave(): void;
  onDiscard(): void;
  onCancel(): void;
}

export function UnsavedDialog({ name, onSave, onDiscard, onCancel }: Props) {
  return (
    <Dialog
      title={`Save changes to ${name}?`}
      testId="unsaved-dialog"
      okLabel="Save"
      onOk={onSave}
      secondaryLabel="Don’t save"
      onSecondary={onDiscard}
      onCancel={onCancel}
    >
      <p className="unsaved-text">Your edits to {name} are not saved yet. If you don’t save, they are lost.</p>
    </Dialog>
  );
}
