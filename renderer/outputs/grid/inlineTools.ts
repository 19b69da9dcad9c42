/** The space between two tools (`.grid-tools`' gap). */
export const TOOL_GAP = 4;

/**
 * Which of a grid's tools stay inline in `room`: all when all fit, otherwise the least used fold first
 * (lowest `ranks`; among equals, the later one), leaving room for the More button (`more` wide). The
 * ones kept stay in their bar order, so folding never reshuffles what the reader already knows.
 */
export function inlineTools(widths: number[], ranks: number[], more: number, room: number): boolean[] {
  const kept = widths.map(() => true);
  const total = () => {
    const shown = widths.filter((_, i) => kept[i]);
    return shown.reduce((a, b) => a + b, 0) + TOOL_GAP * Math.max(0, shown.length - 1);
  };
  if (total() <= room) return kept;
  const foldOrder = widths.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || b - a);
  for (const i of foldOrder) {
    if (total() + TOOL_GAP + more <= room) break;
    kept[i] = false;
  }
  return kept;
}
