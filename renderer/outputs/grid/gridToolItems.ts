/**
 * The grid's own tools in its header line: copy the selection (or, with none, every row) as CSV or Markdown, and the profile.
 * Ranks (see ToolbarMenu's MenuItem) sit among the result actions': CSV is copied far more than Markdown.
 */
import type { MenuItem } from '../../toolbar/ToolbarMenu';
import type { CopyFormat } from './clipboardText';

interface Options {
  onCopy(format: CopyFormat): void;
  /** Null when the profile cannot be asked for (no notebook session to ask). */
  onProfile: (() => void) | null;
  profileOpen: boolean;
}

export function gridToolItems({ onCopy, onProfile, profileOpen }: Options): MenuItem[] {
  const items: MenuItem[] = [
    {
      id: 'grid-copy-csv',
      label: 'Copy as CSV',
      title: 'Copy the selected cells, or every row, as CSV',
      rank: 70,
      onSelect: () => onCopy('csv'),
    },
    {
      id: 'grid-copy-markdown',
      label: 'Copy as Markdown',
      title: 'Copy the selected cells, or every row, as a Markdown table',
      rank: 40,
      onSelect: () => onCopy('markdown'),
    },
  ];
  if (onProfile) {
    items.push({
      id: 'grid-profile',
      label: 'Profile',
      title: profileOpen ? 'Hide the column profile' : 'Show a profile of each column: distinct values, nulls, range',
      rank: 60,
      onSelect: onProfile,
      checked: profileOpen,
    });
  }
  return items;
}
