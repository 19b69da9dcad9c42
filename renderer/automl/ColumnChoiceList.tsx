/**
 * The feature columns with a checkbox each: flagged columns (leak, identifier, set after the outcome)
 * start unchecked with the reason beside them; the user can check them back or uncheck any other.
 */
import type { AutomlColumn } from '../../kernel/protocol/automl';
import './AutomlDialog.css';

const FLAG_LABEL: Record<NonNullable<AutomlColumn['flag']>, string> = {
  leak: 'possible leak',
  'post-outcome': 'set after the outcome',
  id: 'identifier',
};

interface Props {
  columns: AutomlColumn[];
  /** The user's choices, by column name (true = use); absent means the checks' default. */
  choice: Record<string, boolean>;
  onChange(name: string, use: boolean): void;
}

/** Whether a column can be used at all: constant and empty columns carry nothing to learn from. */
const usable = (c: AutomlColumn) => c.kind !== 'constant' && c.kind !== 'empty';

export function ColumnChoiceList({ columns, choice, onChange }: Props) {
  const flagged = columns.filter((c) => c.flag).length;
  return (
    <fieldset className="automl-columns" data-testid="automl-columns">
      <legend>
        Features ({columns.filter((c) => choice[c.name] ?? c.used).length} of {columns.length} used
        {flagged ? `; ${flagged} flagged by the checks` : ''})
      </legend>
      <ul>
        {columns.map((c) => {
          const checked = choice[c.name] ?? c.used;
          return (
            <li
              key={c.name}
              className={c.flag ? 'flagged' : undefined}
              data-testid="automl-column"
              data-column={c.name}
              data-flag={c.flag ?? ''}
            >
              <label title={c.reason}>
                <input type="checkbox" checked={checked} disabled={!usable(c)} onChange={(e) => onChange(c.name, e.target.checked)} />
                <span className="automl-column-name">{c.name}</span>
                <span className="automl-column-kind">{c.kind}</span>
                {c.flag && <span className="automl-column-flag">{FLAG_LABEL[c.flag]}</span>}
              </label>
              {(c.flag || !c.used) && <div className="automl-column-reason">{c.reason}</div>}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** The choice as `automl.start` takes it: exclude what the checks would use, include what they would not. */
export function choiceToLists(columns: AutomlColumn[], choice: Record<string, boolean>): { exclude: string[]; include: string[] } {
  const exclude = columns.filter((c) => c.used && choice[c.name] === false).map((c) => c.name);
  const include = columns.filter((c) => !c.used && usable(c) && choice[c.name] === true).map((c) => c.name);
  return { exclude, include };
}
