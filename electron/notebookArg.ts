/** The .ipynb a user opened Silt with (double-click or `silt-desktop file.ipynb`), if any. */
export function notebookFromArgv(argv: string[]): string | undefined {
  return argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.ipynb'));
}

/** The kernel URL with a notebook to open; the token stays in the query. */
export function urlForNotebook(kernelUrl: string, notebook?: string): string {
  if (!notebook) return kernelUrl;
  const u = new URL(kernelUrl);
  u.searchParams.set('path', notebook);
  return u.toString();
}
