/**
 * Several notebooks in one window, each in a tab with its own session. Hidden tabs stay mounted, so a
 * notebook keeps its document, its running cells and its scroll while another is shown; ActiveTab
 * tells each which one answers the keyboard and owns the window's title. Closing a tab asks about
 * unsaved edits as leaving a notebook does; closing the last one leaves a new, empty notebook.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
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

  const windowCommands: Command[] = useMemo(
    () => [
      { id: 'tab.new', title: 'New notebook in a new tab', group: 'Notebook', run: newTab },
      { id: 'tab.close', title: 'Close this tab', group: 'Notebook', run: () => close(activeId) },
      {
        id: 'tab.next',
        title: 'Show the next tab',
        group: 'View',
        enabled: () => tabs.length > 1,
        run: () => setActiveId(tabs[(tabs.findIndex((t) => t.id === activeId) + 1) % tabs.length].id),
      },
    ],
    [newTab, close, activeId, tabs],
  );

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
        <ActiveTab.Provider key={t.id} value={t.id === activeId}>
          <div className="tab-pane" hidden={t.id !== activeId} data-testid="tab-pane" data-tab-id={t.id}>
            <App
              client={client}
              start={t.start}
              windowCommands={windowCommands}
              onInfo={(i) => setInfo((all) => (all[t.id]?.title === i.title && all[t.id]?.dirty === i.dirty ? all : { ...all, [t.id]: i }))}
              registerClose={(fn) => closers.current.set(t.id, fn)}
            />
          </div>
        </ActiveTab.Provider>
      ))}
    </div>
  );
}
