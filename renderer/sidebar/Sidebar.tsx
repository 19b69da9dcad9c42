/**
 * The right side panels (variables, outline): a narrow rail of toggles when closed, one panel at a
 * time when open. Which one was open is remembered across reloads.
 */
import { useEffect, useState } from 'react';
import type { SessionStatus } from '../../kernel/protocol/messages';
import type { Cell } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';
import { OutlinePanel } from './OutlinePanel';
import { onSidePanelRequest, type SidePanel } from './sidebarEvents';
import { useActiveTabRef } from '../tabs/ActiveTab';
import { VariablesPanel } from './VariablesPanel';
import './Sidebar.css';

const KEY = 'silt.sidePanel';
const TITLES: Record<SidePanel, string> = { variables: 'Variables', outline: 'Outline' };

interface Props {
  client: KernelClient;
  sessionId: string | null;
  status: SessionStatus;
  cells: readonly Cell[];
  selectedId: string | null;
  running: Record<string, unknown>;
  onGoTo(cellId: string): void;
}

function stored(): SidePanel | null {
  const v = localStorage.getItem(KEY);
  return v === 'variables' || v === 'outline' ? v : null;
}

export function Sidebar(p: Props) {
  const [panel, setPanel] = useState<SidePanel | null>(stored);
  const toggle = (next: SidePanel) => setPanel((cur) => (cur === next ? null : next));
  useEffect(() => localStorage.setItem(KEY, panel ?? 'closed'), [panel]);
  const active = useActiveTabRef();
  useEffect(() => onSidePanelRequest((p) => active.current && toggle(p)), []);

  const tabs = (
    <div className="side-tabs" role="tablist" aria-label="Side panels">
      {(['variables', 'outline'] as const).map((id) => (
        <button
          key={id}
          role="tab"
          aria-selected={panel === id}
          className={`side-tab${panel === id ? ' active' : ''}`}
          data-testid={`side-tab-${id}`}
          title={panel === id ? `Hide ${TITLES[id].toLowerCase()}` : `Show ${TITLES[id].toLowerCase()}`}
          onClick={() => toggle(id)}
        >
          {TITLES[id]}
        </button>
      ))}
    </div>
  );

  if (!panel)
    return (
      <aside className="side-rail" aria-label="Side panels" data-testid="side-rail">
        {tabs}
      </aside>
    );
  return (
    <aside className="side-panel" aria-label={TITLES[panel]} data-testid="side-panel" data-own-keys>
      <div className="side-head">
        {tabs}
        <button
          className="tb-btn tb-icon side-close"
          title="Close the panel"
          aria-label="Close the panel"
          data-testid="side-close"
          onClick={() => setPanel(null)}
        >
          ×
        </button>
      </div>
      {panel === 'variables' ? (
        <VariablesPanel client={p.client} sessionId={p.sessionId} status={p.status} runningCount={Object.keys(p.running).length} />
      ) : (
        <OutlinePanel cells={p.cells} selectedId={p.selectedId} running={p.running} onGoTo={p.onGoTo} />
      )}
    </aside>
  );
}
