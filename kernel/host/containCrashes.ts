/**
 * The last line of defence for `silt serve`. Every socket and request already has its own error
 * handling; an error that still escapes is a bug, but dying of it would end every session and lose
 * the unsaved work in every open window. So it is logged (redacted) and the host carries on.
 */
export function containCrashes(log: (line: string) => void): () => void {
  const report = (what: string) => (e: unknown) => {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`silt: contained ${what} (the host keeps running; please report it): ${detail}`);
  };
  const onException = report('an uncaught error');
  const onRejection = report('an unhandled rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
