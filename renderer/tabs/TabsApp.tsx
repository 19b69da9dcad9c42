/**
 * Several notebooks in one window, each in a tab with its own session. Hidden tabs stay mounted, so a
 * notebook keeps its document, its running cells and its scroll while another is shown; ActiveTab
 * tells each which one answers the keyboard and owns the window's title. Closing a tab asks about
 * unsaved edits as leaving a notebook does; closing the last one leaves a new, empty notebook.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { App } from '../App';
import type { Command } from '../commands/commandList';
import type { KernelClient } from '../kernel-client/KernelClient';
import { ActiveTab } from './ActiveTab';
import { TabBar, type TabInfo } from './TabBar';
import './Tabs.css';

interface Tab {
  id: string;
  start: 'url' | 'new';
}

let nextTab = 0;
const tabId = () => `tab-${++nextTab}`;

export function TabsApp({ client }: { client: KernelClient }) {
  const [tabs, setTabs] = useState<Tab[]>(() => [{ id: tabId(), start: 'url' }]);
  const [activeId, setActiveId] = useState(tabs[0].id);
  const [info, setInfo] = useState<Record<string, TabInfo>>({});
  const closers = useRef(new Map<string, (done: () => void) => void>());

  const newTab = useCallback(() => {
    const tab: Tab = { id: tabId(), start: 'new' };
    setTabs((ts) => [...ts, tab]);
    setActiveId(tab.id);
  }, []);

  // Reads the tabs of this render: a close only ever follows a click on a rendered tab.
  const remove = useCallback(
    (id: string) => {
      closers.current.delete(id);
      const i = tabs.findIndex((t) => t.id === id);
      const rest = tabs.filter((t) => t.id !== id);
      const next = rest.length > 0 ? rest : [{ id: tabId(), start: 'new' as const }];
      setTabs(next);
      setActiveId((cur) => (cur === id ? next[Math.min(i, next.length - 1)].id : cur));
      setInfo(({ [id]: _closed, ...others }) => others);
    },
    [tabs],
  );

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
  const now = useRef({ tabs, activeId, close });
  now.current = { tabs, activeId, close };
  const windowCommands: Command[] = useMemo(
    () => [
      { id: 'tab.new', title: 'New notebook in a new tab', group: 'Notebook', run: newTab },
      { id: 'tab.close', title: 'Close this tab', group: 'Notebook', run: () => now.current.close(now.current.activeId) },
      {
        id: 'tab.next',
        title: 'Show the next tab',
        group: 'View',
        enabled: () => now.current.tabs.length > 1,
        run: () => {
          const { tabs: all, activeId: at } = now.current;
          setActiveId(all[(all.findIndex((t) => t.id === at) + 1) % all.length].id);
        },
      },
    ],
    [newTab],
  );
  const onInfo = useCallback(
    (id: string, i: TabInfo) => setInfo((all) => (all[id]?.title === i.title && all[id]?.dirty === i.dirty ? all : { ...all, [id]: i })),
    [],
  );
  const registerClose = useCallback((id: string, fn: (done: () => void) => void) => closers.current.set(id, fn), []);

  return (
    <div className="tabs-app">
      <TabBar
        tabs={tabs.map((t) => ({ id: t.id, ...(info[t.id] ?? { title: 'Untitled', dirty: false }) }))}
        activeId={activeId}
        onSelect={setActiveId}
        onClose={close}
        onNew={newTab}
      />
      {tabs.map((t) => (
        <TabPane
          key={t.id}
          id={t.id}
          start={t.start}
          active={t.id === activeId}
          client={client}
          windowCommands={windowCommands}
          onInfo={onInfo}
          registerClose={registerClose}
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
  registerClose(id: string, fn: (done: () => void) => void): void;
}

/** One notebook's pane; memoised, so it renders again only when its own props change. */
const TabPane = memo(function TabPane({ id, start, active, client, windowCommands, onInfo, registerClose }: TabPaneProps) {
  const info = useCallback((i: TabInfo) => onInfo(id, i), [id, onInfo]);
  const closer = useCallback((fn: (done: () => void) => void) => registerClose(id, fn), [id, registerClose]);
  return (
    <ActiveTab.Provider value={active}>
      <div className="tab-pane" hidden={!active} data-testid="tab-pane" data-tab-id={id}>
        <App client={client} start={start} windowCommands={windowCommands} onInfo={info} registerClose={closer} />
      </div>
    </ActiveTab.Provider>
  );
});
