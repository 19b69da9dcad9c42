/**
 * The titles the tab strip shows: several new notebooks are all "Untitled" in their own windows, and
 * a strip of identical names cannot tell them apart (which one is unsaved?). The second and later
 * ones are numbered in the order their tabs stand: "Untitled", "Untitled 2", "Untitled 3".
 */
export const UNTITLED = 'Untitled';

export function tabTitles<T extends { title: string }>(tabs: readonly T[]): T[] {
  let untitled = 0;
  return tabs.map((t) => {
    if (t.title !== UNTITLED) return t;
    untitled++;
    return untitled === 1 ? t : { ...t, title: `${UNTITLED} ${untitled}` };
  });
}
