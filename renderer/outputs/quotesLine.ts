/** Whether an error message already quotes cell line `line` the way DuckDB does ("LINE 2: SELECT …"). */
export function quotesLine(message: string, line: number): boolean {
  return new RegExp(`^LINE ${line}: `, 'm').test(message);
}
