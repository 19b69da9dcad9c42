/**
 * The palette's filter: the query's characters must appear in the title in order (case ignored),
 * and titles where they come together or start words rank first ("mrg" finds "Merge…", "rs"
 * ranks "Restart the session" by its word starts).
 */

export interface Match {
  score: number;
  /** Indices of the matched characters in the text, for highlighting. */
  indices: number[];
}

function isWordStart(text: string, i: number): boolean {
  return i === 0 || /[\s/._-]/.test(text[i - 1]);
}

/** Null when the query does not match; an empty query matches everything with score 0. */
export function fuzzyMatch(query: string, text: string): Match | null {
  const q = query.trim().toLowerCase();
  if (!q) return { score: 0, indices: [] };
  const t = text.toLowerCase();
  // A plain substring is the strongest match; earlier is better.
  const at = t.indexOf(q);
  if (at >= 0) {
    const indices = Array.from({ length: q.length }, (_, k) => at + k);
    return { score: 1000 - at + (isWordStart(text, at) ? 100 : 0), indices };
  }
  const indices: number[] = [];
  let score = 0;
  let from = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    // Prefer the next word start holding this character, else its next occurrence.
    let i = -1;
    for (let k = from; k < t.length; k++) {
      if (t[k] === ch && isWordStart(text, k)) {
        i = k;
        break;
      }
    }
    const next = t.indexOf(ch, from);
    if (i < 0 || (next >= 0 && next === indices[indices.length - 1] + 1)) i = next;
    if (i < 0) return null;
    score += isWordStart(text, i) ? 10 : indices.length && i === indices[indices.length - 1] + 1 ? 5 : 1;
    indices.push(i);
    from = i + 1;
  }
  return { score, indices };
}

/** The items that match, best first; ties keep their order. */
export function fuzzyFilter<T>(query: string, items: T[], text: (item: T) => string): { item: T; match: Match }[] {
  const out: { item: T; match: Match; order: number }[] = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, text(item));
    if (match) out.push({ item, match, order });
  });
  return out.sort((a, b) => b.match.score - a.match.score || a.order - b.order).map(({ item, match }) => ({ item, match }));
}
