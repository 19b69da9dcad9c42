/** Entry point: theme first (no flash), every feature's contributions, then the app (or the dashboard view) on a WebSocket kernel client. */
import 'katex/dist/katex.min.css';
import { createRoot } from 'react-dom/client';
import './contributions';
import { DashboardApp } from './dashboard/DashboardApp';
import { isDashboardView } from './dashboard/viewUrl';
import { WebSocketKernelClient } from './kernel-client/WebSocketKernelClient';
import { applyTheme, initialTheme } from './theme';
import { TabsApp } from './tabs/TabsApp';

window.__silt = { ready: false };
applyTheme(initialTheme(), false);
const client = WebSocketKernelClient.forPage();
createRoot(document.getElementById('root')!).render(
  isDashboardView(location.href) ? <DashboardApp client={client} /> : <TabsApp client={client} />,
);
