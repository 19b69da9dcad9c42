/** The keyboard shortcuts (H). */
import { SHORTCUTS } from '../notebook/keymap';
import { Dialog } from './Dialog';

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcuts-help" cancelLabel="Close" onCancel={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
