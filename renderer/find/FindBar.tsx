/**
 * The notebook's find and replace bar, at the top of the notebook: query with match case, whole word
 * and regex toggles, where to look (code, markdown, outputs), "3 of 17", and replace.
 */
import type { DocumentApi } from '../notebook/useDocument';
import { useFind, type FindApi } from './useFind';
import { useFindMarks } from './useFindMarks';
import { useFindShortcut } from './useFindShortcut';
import { useActiveTab } from '../tabs/ActiveTab';
import type { FindOptions } from './findMatches';
import './FindBar.css';

export function FindBar({ docApi, enabled }: { docApi: DocumentApi; enabled: boolean }) {
  const find = useFind(docApi);
  const active = useActiveTab();
  useFindShortcut(enabled && active);
  useFindMarks(docApi.state.doc.model.cells, find.matches, find.index, find.open, find.options);
  if (!find.open) return null;
  return <FindBarView find={find} />;
}

function Toggle({
  label,
  title,
  on,
  onChange,
  testId,
  name,
}: {
  label: string;
  title: string;
  /** The name a screen reader says, where the label is a symbol ("Aa", ".*"). */
  name?: string;
  on: boolean;
  onChange(v: boolean): void;
  testId: string;
}) {
  return (
    <button
      className={`find-toggle${on ? ' on' : ''}`}
      title={title}
      aria-label={name}
      aria-pressed={on}
      data-testid={testId}
      onClick={() => onChange(!on)}
    >
      {label}
    </button>
  );
}

function countText(find: FindApi): string {
  if (find.error) return '';
  if (find.options.query === '') return '';
  if (find.matches.length === 0) return 'No results';
  return `${find.index + 1} of ${find.matches.length}`;
}

function FindBarView({ find }: { find: FindApi }) {
  const { options } = find;
  const scope = (patch: Partial<FindOptions['scope']>) => find.setQueryOptions({ scope: { ...options.scope, ...patch } });
  const current = find.matches[find.index];
  const canReplace = !find.error && find.matches.some((m) => m.part === 'source');
  const keys = (e: React.KeyboardEvent, onEnter: () => void) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (e.shiftKey) find.step(-1);
      else onEnter();
    }
  };
  return (
    <div
      className="find-bar"
      role="search"
      aria-label="Find in notebook"
      data-testid="find-bar"
      data-own-keys
      onKeyDown={(e) => {
        // Esc anywhere in the bar (a field or a toggle) closes it.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        find.close();
      }}
    >
      <div className="find-row">
        <button
          className="find-expand"
          title={find.replacing ? 'Hide replace' : 'Show replace (Ctrl+H)'}
          aria-label={find.replacing ? 'Hide replace' : 'Show replace'}
          aria-expanded={find.replacing}
          data-testid="find-toggle-replace"
          onClick={() => find.setReplacing(!find.replacing)}
        >
          {find.replacing ? '▾' : '▸'}
        </button>
        <input
          ref={find.input}
          className={`find-input${find.error ? ' invalid' : ''}`}
          data-testid="find-input"
          aria-label="Find"
          aria-invalid={Boolean(find.error)}
          placeholder="Find"
          spellCheck={false}
          value={options.query}
          onChange={(e) => find.setQueryOptions({ query: e.target.value })}
          onKeyDown={(e) => keys(e, () => find.step(1))}
        />
        <Toggle
          label="Aa"
          title="Match case"
          name="Match case"
          testId="find-match-case"
          on={options.matchCase}
          onChange={(v) => find.setQueryOptions({ matchCase: v })}
        />
        <Toggle
          label="W"
          title="Whole word"
          name="Whole word"
          testId="find-whole-word"
          on={options.wholeWord}
          onChange={(v) => find.setQueryOptions({ wholeWord: v })}
        />
        <Toggle
          label=".*"
          title="Regular expression"
          name="Regular expression"
          testId="find-regex"
          on={options.regex}
          onChange={(v) => find.setQueryOptions({ regex: v })}
        />
        <span className="find-count" data-testid="find-count" aria-live="polite">
          {countText(find)}
        </span>
        <button
          className="find-nav"
          title="Previous match (Shift+Enter, Shift+F3)"
          aria-label="Previous match"
          disabled={find.matches.length === 0}
          onClick={() => find.step(-1)}
        >
          ↑
        </button>
        <button
          className="find-nav"
          title="Next match (Enter, F3)"
          aria-label="Next match"
          data-testid="find-next"
          disabled={find.matches.length === 0}
          onClick={() => find.step(1)}
        >
          ↓
        </button>
        <span className="find-scope" role="group" aria-label="Search in">
          <Toggle
            label="Code"
            title="Search code cells"
            testId="find-scope-code"
            on={options.scope.code}
            onChange={(v) => scope({ code: v })}
          />
          <Toggle
            label="Markdown"
            title="Search markdown cells"
            testId="find-scope-markdown"
            on={options.scope.markdown}
            onChange={(v) => scope({ markdown: v })}
          />
          <Toggle
            label="Outputs"
            title="Search printed text and errors (not result grids)"
            testId="find-scope-outputs"
            on={options.scope.outputs}
            onChange={(v) => scope({ outputs: v })}
          />
        </span>
        <button className="find-close" title="Close (Esc)" aria-label="Close find" data-testid="find-close" onClick={find.close}>
          ×
        </button>
      </div>
      {find.error && (
        <div className="find-error" role="alert" data-testid="find-error">
          {find.error}
        </div>
      )}
      {find.replacing && (
        <div className="find-row">
          <span className="find-expand-spacer" />
          <input
            className="find-input"
            data-testid="replace-input"
            aria-label="Replace with"
            placeholder={options.regex ? 'Replace ($1, $<name>, $& allowed)' : 'Replace'}
            spellCheck={false}
            value={find.replacement}
            onChange={(e) => find.setReplacement(e.target.value)}
            onKeyDown={(e) => keys(e, find.replaceCurrent)}
          />
          <button
            className="btn btn-small"
            data-testid="replace-one"
            disabled={!current || current.part !== 'source'}
            title={current?.part === 'output' ? 'Outputs cannot be edited' : 'Replace this match (Enter)'}
            onClick={find.replaceCurrent}
          >
            Replace
          </button>
          <button
            className="btn btn-small"
            data-testid="replace-all"
            disabled={!canReplace}
            title="Replace every match in cells (one undo)"
            onClick={find.replaceAll}
          >
            Replace all
          </button>
          {find.lastReplace && (
            <span className="find-replaced" data-testid="find-replaced">
              Replaced {find.lastReplace.count} in {find.lastReplace.after.size} cell{find.lastReplace.after.size === 1 ? '' : 's'}
              <button
                className="btn btn-small"
                data-testid="undo-replace-all"
                title="Put back what Replace all changed"
                onClick={find.undoReplaceAll}
              >
                Undo
              </button>
            </span>
          )}
        </div>
      )}
    </div>
  );
}
