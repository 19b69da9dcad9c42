/** How long an unused session lives, and what a window is told when it ended for that reason. */

export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/** "30 idle minutes", "1 idle minute", or seconds for the short times tests use. */
function idleSpan(idleMs: number): string {
  const minutes = idleMs / 60_000;
  if (Number.isInteger(minutes)) return `${minutes} idle minute${minutes === 1 ? '' : 's'}`;
  const seconds = Math.round(idleMs / 1000);
  return `${seconds} idle second${seconds === 1 ? '' : 's'}`;
}

export function idleEndedMessage(idleMs: number): string {
  const when = `This notebook's session ended after ${idleSpan(idleMs)}`;
  return `${when}; its variables are gone. Run a cell to start a new one.`;
}
