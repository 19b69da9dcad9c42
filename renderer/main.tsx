/** Entry point: theme first (no flash), every feature's contributions, then the app on a WebSocket kernel client. */
import 'katex/dist/katex.min.css';
import { createRoot } from 'react-dom/client';
import './contributions';
import { App } from './App';
import { WebSocketKernelClient } from './kernel-client/WebSocketKernelClient';
import { applyTheme, initialTheme } from './theme';

window.__silt = { ready: false };
applyTheme(initialTheme(), false);
createRoot(document.getElementById('root')!).render(<App client={WebSocketKernelClient.forPage()} />);
