/**
 * The way from a notebook window to its dashboard (View → Dashboard): a toolbar button that opens
 * the saved notebook's dashboard in a new tab or window. An untitled notebook has no file for the
 * dashboard to read, so the button says so instead of opening an empty page.
 */
import { dashboardViewUrl } from './viewUrl';

export function DashboardLink({ path }: { path: string | null }) {
  return (
    <button
      className="tb-btn"
      data-testid="open-dashboard"
      disabled={!path}
      title={
        path ? 'Open this notebook as a dashboard: its prose, charts and tables, kept live' : 'Save the notebook to open it as a dashboard'
      }
      onClick={() => path && window.open(dashboardViewUrl(location.href, path), '_blank', 'noopener')}
    >
      Dashboard
    </button>
  );
}
