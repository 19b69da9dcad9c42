/** The time column for validation: the guessed one, another date column, or none (shuffled rows). */
import './AutomlDialog.css';

interface Props {
  /** Date and timestamp columns of the data. */
  columns: string[];
  guessed: string | null;
  /** 'auto' (the guess), a column name, or '' for no time split. */
  value: string;
  onChange(value: string): void;
}

/**
 * The first choice: the guess, or shuffled rows. A date column that is there but not guessed (too few
 * distinct times, mostly missing, flagged) is listed below it, so "no date column found" would be untrue.
 */
export function autoLabel(columns: string[], guessed: string | null): string {
  if (guessed) return `by time: ${guessed} (guessed)`;
  return columns.length > 0 ? 'shuffled (no time column guessed)' : 'shuffled (no date column found)';
}

export function TimeSplitField({ columns, guessed, value, onChange }: Props) {
  const chosen = value === 'auto' ? guessed : value || null;
  return (
    <label className="field">
      <span>Validation split</span>
      <select data-testid="automl-time-column" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="auto">{autoLabel(columns, guessed)}</option>
        {columns
          .filter((c) => c !== guessed)
          .map((c) => (
            <option key={c} value={c}>
              by time: {c}
            </option>
          ))}
        {guessed && <option value="">shuffled rows (ignore time)</option>}
      </select>
      <span className="automl-split" data-testid="automl-split">
        {chosen
          ? `Trains on the past: rolling folds by ${chosen}, each validated on rows newer than it trained on; the holdout is the most recent 20 %.`
          : 'Cross-validation on shuffled rows (a random 80/20 holdout above 5,000 rows).'}
      </span>
    </label>
  );
}

/**
 * What `automl.start` gets: the guess, a column, or '' to turn the time split off. With no guess it
 * gets nothing, so the engine finds none on the same rows and its report says so, rather than
 * telling the user they turned off a split they were never offered.
 */
export function timeColumnParam(value: string, guessed: string | null): string | undefined {
  if (value === 'auto') return guessed ?? undefined;
  return value;
}
