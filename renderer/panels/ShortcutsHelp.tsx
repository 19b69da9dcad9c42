/** The keyboard shortcuts (H), made from the command list so it always says what the keys do. */
import type { Command, CommandGroup } from '../commands/commandList';
import { Dialog } from './Dialog';
import './ShortcutsHelp.css';

export function ShortcutsHelp({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const keyed = commands.filter((c) => c.keys);
  const groups = [...new Set(keyed.map((c) => c.group))] as CommandGroup[];
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcuts-help" cancelLabel="Close" onCancel={onClose} wide>
      <div className="shortcuts-scroll" data-testid="shortcuts-scroll">
        <div className="shortcuts-groups">
          {groups.map((g) => (
            <section key={g} className="shortcuts-group" aria-label={g}>
              <h3>{g}</h3>
              {keyed
                .filter((c) => c.group === g)
                .map((c) => (
                  <div className="shortcut-row" key={c.id} data-command={c.id}>
                    <span className="shortcut-keys">
                      {c.keys!.split(' / ').map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </span>
                    <span>{c.title}</span>
                  </div>
                ))}
            </section>
          ))}
        </div>
      </div>
      <p className="shortcuts-note">Ctrl/⌘+Shift+P lists every command, with or without a key.</p>
    </Dialog>
  );
}
