/**
 * DuckDB suggests names from the whole catalog ("Did you mean "__silt_result_…_3"?"), and the
 * engine's own tables (anonymous results, sorted views, the `sql` helper's tables) are in it. Those
 * are no name an analyst can use: the suggestion goes, the rest of the message stays.
 */
const INTERNAL_SUGGESTION = /\nDid you mean "__silt_[^"\n]*"\?/g;

export function hideInternalNames(message: string): string {
  return message.replace(INTERNAL_SUGGESTION, '');
}
