/** Light/dark theme on <html data-theme>, remembered in localStorage, defaulting to the OS setting. */
import { useSyncExternalStore } from 'react';
export type Theme = 'light' | 'dark';

const KEY = 'silt.theme';

export function initialTheme(): Theme {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, persist: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (persist) localStorage.setItem(KEY, theme);
}

/**
 * The theme the page shows now, for parts that draw their own colours (charts): it follows
 * <html data-theme>, so whichever component switches the theme, they all redraw.
 */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribeTheme, currentTheme);
}

function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
