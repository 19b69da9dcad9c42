/**
 * A masked password input with a show/hide toggle. The input is uncontrolled and its value is set
 * through the DOM property, never the `value` attribute (React mirrors a controlled input's value
 * into the attribute), so the password is in no markup a page dump or an extension reads.
 */
import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  testId: string;
  /** The password to show; set into the field whenever it changes from outside (a URL it was taken from). */
  value: string;
  placeholder?: string;
  note?: string;
  onChange(value: string): void;
}

export function PasswordField({ label, testId, value, placeholder, note, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (input.current && input.current.value !== value) input.current.value = value;
  }, [value]);
  return (
    <label className="field">
      <span>{label}</span>
      <span className="password-field">
        <input
          ref={input}
          data-testid={testId}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          // Typing replaces what is there (a saved password's ****) rather than adding to it.
          onFocus={(e) => e.target.select()}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="btn password-toggle"
          data-testid={`${testId}-toggle`}
          aria-pressed={shown}
          aria-label={shown ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
          title={shown ? 'Hide the password' : 'Show the password'}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </span>
      {note && <small className="network-inherited">{note}</small>}
    </label>
  );
}
