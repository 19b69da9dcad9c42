/** Entry point: theme first (no flash), then the app on a WebSocket kernel client. */
import 'katex/dist/katex.min.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { WebSocketKernelClient } from './kernel-client/WebSocketKernelClient';
import { applyTheme, initialTheme } from './theme';

window.__silt = { ready: false };
applyTheme(initialTheme(), false);
createRoot(document.getElementById('root')!).render(<App client={WebSocketKernelClient.forPage()} />);
