import { describe, expect, it } from 'vitest';
import { dashboardViewUrl, isDashboardView, notebookViewUrl, withoutToken } from '../../../renderer/dashboard/viewUrl';

const BASE = 'http://127.0.0.1:5173/?token=secret-token&path=%2Fw%2Fsales.ipynb';

describe('dashboard view URLs', () => {
  it('switches between the notebook and its dashboard, never carrying the token', () => {
    const dash = dashboardViewUrl(BASE, '/w/sales.ipynb');
    expect(isDashboardView(dash)).toBe(true);
    expect(dash).not.toContain('secret-token');
    expect(new URL(dash).searchParams.get('path')).toBe('/w/sales.ipynb');
    const back = notebookViewUrl(dash);
    expect(isDashboardView(back)).toBe(false);
    expect(new URL(back).searchParams.get('path')).toBe('/w/sales.ipynb');
    expect(withoutToken(BASE)).toBe('http://127.0.0.1:5173/?path=%2Fw%2Fsales.ipynb');
  });
});
