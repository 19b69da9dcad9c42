/**
 * Several notebooks in one window, each in a tab with its own session. Hidden tabs stay mounted, so a
 * notebook keeps its document, its running cells and its scroll while another is shown; ActiveTab
 * tells each which one answers the keyboard and owns the window's title. Closing a tab asks about
 * unsaved edits as leaving a notebook does; closing the last one leaves a new, empty notebook.
 * A notebook asked for by the desktop shell (a double-clicked file, Open Recent) or by Open… opens as a tab, or shows
 * the tab that has it; it joins the strip once loaded, so one that cannot be opened leaves no tab.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from '../App';
import { pathFromUrl } from '../notebook/useNotebookFile';
import { Banner } from '../panels/Banner';
import type { Command } from '../commands/commandList';
import type { KernelClient } from '../kernel-client/KernelClient';
import { ActiveTab } from './ActiveTab';
import { TabBar, type TabInfo } from './TabBar';
import { openFailureText, shownPaths, tabShowing, type TabSource } from './tabPaths';
import { useShellOpens } from './useShellOpens';
import './Tabs.css';
import { tabTitles, UNTITLED } from './tabTitles';

interface Tab extends TabSource {
  start: 'url' | 'new' | { path: string };
  /** Loading a notebook asked for: hidden, and out of the strip, until it is there. */
  opening?: boolean;
}

let nextTab = 0;
const tabId = () => `tab-${++nextTab}`;

export function TabsApp({ client }: { client: KernelClient }) {
  const [tabs, setTabs] = useState<Tab[]>(() => [{ id: tabId(), start: 'url', requested: pathFromUrl() }]);
  const [activeId, setActiveId] = useState(tabs[0].id);
  const [info, setInfo] = useState<Record<string, TabInfo>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const closers = useRef(new Map<string, (done: () => void) => void>());
  // The latest tabs, for what runs later than a render (a close confirmed in a dialog, the shell's requests).
  const latest = useRef(tabs);
  latest.current = tabs;

  const newTab = useCallback(() => {
    const tab: Tab = { id: tabId(), start: 'new', requested: null };
    latest.current = [...latest.current, tab];
    setTabs(latest.current);
    setActiveId(tab.id);
  }, []);

  // Reads the latest tabs: a notebook the shell asked for may have arrived while a close was being confirmed.
  const remove = useCallback((id: string) => {
    closers.current.delete(id);
    const all = latest.current;
    const i = all.filter((t) => !t.opening).findIndex((t) => t.id === id);
    const rest = all.filter((t) => t.id !== id);
    const shown = rest.filter((t) => !t.opening);
    const fresh: Tab | null = shown.length > 0 ? null : { id: tabId(), start: 'new', requested: null };
    const next = fresh ? [...rest, fresh] : rest;
    latest.current = next;
    setTabs(next);
    setActiveId((cur) => (cur === id ? (fresh ?? shown[Math.min(Math.max(i, 0), shown.length - 1)]).id : cur));
    setInfo(({ [id]: _closed, ...others }) => others);
  }, []);

  /** Closes a tab once its notebook agreed (saved, or its edits discarded). */
  const close = useCallback(
    (id: string) => {
      setActiveId(id);
      const ask = closers.current.get(id);
      if (ask) ask(() => remove(id));
      else remove(id);
    },
    [remove],
  );

  // The commands read the tabs when run, so they stay one object: a tab switch or a title change
  // re-renders the tab bar and the tabs involved, not every hidden notebook.
  const now = useRef({ tabs, activeId, close, info });
  now.current = { tabs, activeId, close, info };

  /** The shell's "open this notebook": the tab that has it comes forward, else a new tab opens it. */
  const openPath = useCallback((path: string) => {
    setNotice(null);
    const all = latest.current;
    const known = now.current.info;
    const showing = tabShowing(all, known, path);
    if (showing) {
      // One still loading comes forward by itself once it is there.
      if (!all.find((t) => t.id === showing)?.opening) setActiveId(showing);
      return;
    }
    const tab: Tab = { id: tabId(), start: { path }, requested: path, opening: true };
    latest.current = [...all, tab]; // a second request before the next render finds it
    setTabs(latest.current);
  }, []);

  // A notebook asked for is there: its tab joins the strip, shown.
  useEffect(() => {
    const loaded = tabs.filter((t) => t.opening && info[t.id]?.path !== undefined);
    if (loaded.length === 0) return;
    latest.current = latest.current.map((t) => (loaded.includes(t) ? { ...t, opening: false } : t));
    setTabs(latest.current);
    setActiveId(loaded[loaded.length - 1].id);
  }, [tabs, info]);

  /** It could not be opened (gone since, unreadable): its tab goes, unseen, and the notice says why. */
  const openFailed = useCallback((id: string, path: string, e: Error) => {
    closers.current.delete(id);
    latest.current = latest.current.filter((t) => t.id !== id);
    setTabs(latest.current);
    setInfo(({ [id]: _failed, ...others }) => others);
    setNotice(openFailureText(path, e));
  }, []);

  useShellOpens(shownPaths(tabs, info), openPath);

  const windowCommands: Command[] = useMemo(
    () => [
      { id: 'tab.new', title: 'New notebook in a new tab', group: 'Notebook', run: newTab },
      { id: 'tab.close', title: 'Close this tab', group: 'Notebook', run: () => now.current.close(now.current.activeId) },
      {
        id: 'tab.next',
        title: 'Show the next tab',
        group: 'View',
        enabled: () => now.current.tabs.filter((t) => !t.opening).length > 1,
        run: () => {
          const { activeId: at } = now.current;
          const all = now.current.tabs.filter((t) => !t.opening);
          setActiveId(all[(all.findIndex((t) => t.id === at) + 1) % all.length].id);
        },
      },
    ],
    [newTab],
  );
  const onInfo = useCallback(
    (id: string, i: TabInfo) =>
      setInfo((all) => (all[id]?.title === i.title && all[id]?.dirty === i.dirty && all[id]?.path === i.path ? all : { ...all, [id]: i })),
    [],
  );
  const registerClose = useCallback((id: string, fn: (done: () => void) => void) => closers.current.set(id, fn), []);

  return (
    <div className="tabs-app">
      <TabBar
        tabs={tabTitles(tabs.filter((t) => !t.opening).map((t) => ({ id: t.id, ...(info[t.id] ?? { title: UNTITLED, dirty: false }) })))}
        activeId={activeId}
        onSelect={setActiveId}
        onClose={close}
        onNew={newTab}
      />
      {notice && (
        <Banner kind="danger" testId="open-notice" text={notice}>
          <button className="btn btn-ghost" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </Banner>
      )}
      {tabs.map((t) => (
        <TabPane
          key={t.id}
          id={t.id}
          start={t.start}
          active={t.id === activeId}
          client={client}
          windowCommands={windowCommands}
          onInfo={onInfo}
          onOpenFailed={openFailed}
          registerClose={registerClose}
          onOpenInTab={openPath}
        />
      ))}
    </div>
  );
}

interface TabPaneProps {
  id: string;
  start: Tab['start'];
  active: boolean;
  client: KernelClient;
  windowCommands: Command[];
  onInfo(id: string, info: TabInfo): void;
  onOpenFailed(id: string, path: string, e: Error): void;
  registerClose(id: string, fn: (done: () => void) => void): void;
  /** Open… in this notebook: the tab that has the file, or a new one (as the shell's requests). */
  onOpenInTab(path: string): void;
}

/** One notebook's pane; memoised, so it renders again only when its own props change. */
const TabPane = memo(function TabPane({
  id,
  start,
  active,
  client,
  windowCommands,
  onInfo,
  onOpenFailed,
  registerClose,
  onOpenInTab,
}: TabPaneProps) {
  const info = useCallback((i: TabInfo) => onInfo(id, i), [id, onInfo]);
  const failed = useCallback((path: string, e: Error) => onOpenFailed(id, path, e), [id, onOpenFailed]);
  const closer = useCallback((fn: (done: () => void) => void) => registerClose(id, fn), [id, registerClose]);
  return (
    <ActiveTab.Provider value={active}>
      <div className="tab-pane" hidden={!active} data-testid="tab-pane" data-tab-id={id}>
        <App
          client={client}
          start={start}
          windowCommands={windowCommands}
          onInfo={info}
          onOpenFailed={failed}
          registerClose={closer}
          onOpenInTab={onOpenInTab}
        />
      </div>
    </ActiveTab.Provider>
  );
});
