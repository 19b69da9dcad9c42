/**
 * A JSON output as people read it: indented two spaces, the same in the window and in a report.
 * Text that is not JSON is shown as it came, since a rich output's payload is whatever a cell produced.
 */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
