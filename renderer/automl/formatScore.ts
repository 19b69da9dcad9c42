/** A metric value as the dialog shows it: four significant digits, or one decimal for large errors. */
export function formatScore(x: number): string {
  return Number.isFinite(x) ? (Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(4)) : '–';
}
