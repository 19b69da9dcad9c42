import { resolve } from 'node:path';

/**
 * The .ipynb a user opened Silt with (double-click or `silt-desktop file.ipynb`), if any, made
 * absolute against the folder it was started in: the kernel would read a relative path as inside its
 * workspace, and a second instance's folder is not the running app's.
 */
export function notebookFromArgv(argv: string[], cwd: string): string | undefined {
  const arg = argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.ipynb'));
  return arg === undefined ? undefined : resolve(cwd, arg);
}

/** The kernel URL with a notebook to open; the token stays in the query. */
export function urlForNotebook(kernelUrl: string, notebook?: string): string {
  if (!notebook) return kernelUrl;
  const u = new URL(kernelUrl);
  u.searchParams.set('path', notebook);
  return u.toString();
}
