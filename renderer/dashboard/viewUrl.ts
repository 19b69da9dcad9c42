/** Links between the two views of a notebook: the dashboard is the same URL with `view=dashboard`. */

export function withoutToken(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('token');
  return u.toString();
}

export function notebookViewUrl(href: string): string {
  const u = new URL(withoutToken(href));
  u.searchParams.delete('view');
  return u.toString();
}

export function dashboardViewUrl(href: string, path: string): string {
  const u = new URL(withoutToken(href));
  u.searchParams.set('view', 'dashboard');
  u.searchParams.set('path', path);
  return u.toString();
}

export function isDashboardView(href: string): boolean {
  return new URL(href).searchParams.get('view') === 'dashboard';
}
