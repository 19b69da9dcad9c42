/**
 * Byte counts for people: "812 B", "12.3 MB" (decimal units, as file browsers show them). One
 * definition for the kernel's messages (skipped files, cache evictions) and the window's panels.
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
