/** The keyboard shortcuts (H), made from the command list so it always says what the keys do. */
import type { Command } from '../commands/commandList';
import { Dialog } from './Dialog';

export function ShortcutsHelp({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const keyed = commands.filter((c) => c.keys);
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcuts-help" cancelLabel="Close" onCancel={onClose} wide>
      <table className="shortcuts">
        <tbody>
          {keyed.map((c) => (
            <tr key={c.id} data-command={c.id}>
              <td>
                <kbd>{c.keys}</kbd>
              </td>
              <td>{c.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcuts-note">Ctrl/⌘+Shift+P lists every command, with or without a key.</p>
    </Dialog>
  );
}
