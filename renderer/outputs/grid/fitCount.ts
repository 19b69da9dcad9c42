/** The space between two tools (`.grid-tools`' gap). */
export const TOOL_GAP = 4;

/** How many of `widths` fit in `room` in order, leaving room for the More button (`more` wide) when not all do. */
export function fitCount(widths: number[], more: number, room: number): number {
  const total = (n: number) => widths.slice(0, n).reduce((a, b) => a + b, 0) + TOOL_GAP * Math.max(0, n - 1);
  if (total(widths.length) <= room) return widths.length;
  let n = widths.length - 1;
  while (n > 0 && total(n) + TOOL_GAP + more > room) n--;
  return n;
}
