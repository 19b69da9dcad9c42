/** The grid's own buttons at the right of its header line: copy the selection as CSV or Markdown, and the profile. */
import type { CopyFormat } from './clipboardText';

interface Props {
  onCopy(format: CopyFormat): void;
  /** Null when the profile cannot be asked for (no notebook session to ask). */
  onProfile: (() => void) | null;
  profileOpen: boolean;
}

export function GridTools({ onCopy, onProfile, profileOpen }: Props) {
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" data-testid="grid-copy-csv" onClick={() => onCopy('csv')}>
        Copy as CSV
      </button>
      <button type="button" className="btn btn-ghost btn-small" data-testid="grid-copy-markdown" onClick={() => onCopy('markdown')}>
        Copy as Markdown
      </button>
      {onProfile && (
        <button
          type="button"
          className={`btn btn-ghost btn-small${profileOpen ? ' active' : ''}`}
          data-testid="grid-profile"
          aria-pressed={profileOpen}
          onClick={onProfile}
        >
          Profile
        </button>
      )}
    </>
  );
}
