/**
 * The left "Catalog" panel: open profiles → shares → schemas → tables, problems inline, and the
 * selected table's details: a preview of its rows in the panel, and actions that insert SQL cells.
 */
import { useMemo, useState } from 'react';
import type { CatalogProfile } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';
import { AddProfileDialog } from './AddProfileDialog';
import { ProblemText } from './ProblemText';
import { useLiveTables } from '../live/LiveContext';
import { querySql, tableReference } from './sqlNames';
import { TableDetails } from './TableDetails';
import type { TableRef } from './tableRef';
import { useCatalog } from './useCatalog';
import { formatTableName } from '../../common/tableName';

interface Props {
  client: KernelClient;
  sessionId: string | null;
  /** Inserts a SQL cell below the selected one; runs it, or leaves it focused for editing. */
  onInsertSql(source: string, run: boolean): void;
}

const keyOf = (t: Omit<TableRef, 'profile'>) => formatTableName(t).toLowerCase();

export function CatalogPanel({ client, sessionId, onInsertSql }: Props) {
  const catalog = useCatalog(client, sessionId);
  const [selected, setSelected] = useState<TableRef | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  // Open: the Add profile dialog, replacing the named saved profile when `replacing` is set.
  const [adding, setAdding] = useState<{ replacing?: string } | null>(null);

  // The same share.schema.table under two profiles needs the profile in the SQL name.
  const owners = useMemo(() => {
    const count = new Map<string, number>();
    for (const p of catalog.profiles)
      for (const s of p.shares)
        for (const sc of s.schemas)
          for (const t of sc.tables) {
            const key = keyOf({ share: s.name, schema: sc.name, table: t });
            count.set(key, (count.get(key) ?? 0) + 1);
          }
    return count;
  }, [catalog.profiles]);

  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const reference = selected ? tableReference(selected, (owners.get(keyOf(selected)) ?? 0) > 1) : '';

  return (
    <aside className="catalog-panel" data-testid="catalog-panel" aria-label="Catalog" data-own-keys>
      <div className="catalog-head">
        <span className="catalog-heading">Catalog</span>
        <button
          className="tb-btn tb-icon"
          data-testid="catalog-refresh"
          title="Reload the shares of every profile"
          aria-label="Reload the catalog"
          disabled={!sessionId || catalog.loading}
          onClick={catalog.refresh}
        >
          ↻
        </button>
        <button
          className="tb-btn"
          data-testid="catalog-add-profile"
          title="Open a Delta Sharing profile"
          disabled={!sessionId}
          onClick={() => setAdding({})}
        >
          Add profile…
        </button>
      </div>
      <div className="catalog-tree" role="tree">
        {catalog.error && <div className="catalog-error">{catalog.error}</div>}
        {catalog.loading && catalog.profiles.length === 0 && <div className="catalog-muted">Loading…</div>}
        {!catalog.loading && !catalog.error && catalog.profiles.length === 0 && (
          <div className="catalog-muted">No profiles open. Add one to browse what it shares.</div>
        )}
        {catalog.profiles.map((p) => (
          <ProfileNode
            key={p.name}
            profile={p}
            retryAt={p.errorCode === 'unavailable' ? catalog.retryAt : null}
            collapsed={collapsed}
            onToggle={toggle}
            selected={selected}
            onSelect={setSelected}
            onReplace={() => setAdding({ replacing: p.name })}
            onRemove={() => {
              if (!sessionId || !confirm(`Remove the profile "${p.name}"? Silt forgets it and its token.`)) return;
              if (selected?.profile === p.name) setSelected(null);
              client.request('catalog.removeProfile', { sessionId, name: p.name }).then(catalog.refresh, catalog.refresh);
            }}
          />
        ))}
      </div>
      {selected && sessionId && (
        <TableDetails
          client={client}
          sessionId={sessionId}
          table={selected}
          reference={reference}
          onQuery={() => onInsertSql(querySql(reference), false)}
        />
      )}
      {adding && (
        <AddProfileDialog
          client={client}
          sessionId={sessionId}
          replacing={adding.replacing}
          onCancel={() => setAdding(null)}
          onAdded={() => {
            setAdding(null);
            catalog.refresh();
          }}
        />
      )}
    </aside>
  );
}

interface NodeProps {
  profile: CatalogProfile;
  /** When the tree reloads on its own to try this profile's unreachable server again. */
  retryAt: Date | null;
  collapsed: ReadonlySet<string>;
  onToggle(key: string): void;
  selected: TableRef | null;
  onSelect(t: TableRef): void;
  onRemove(): void;
  onReplace(): void;
}

function ProfileNode({ profile: p, retryAt, collapsed, onToggle, selected, onSelect, onRemove, onReplace }: NodeProps) {
  const liveTables = useLiveTables()?.tables;
  const liveState = (name: string) => liveTables?.[name]?.state;
  const pk = p.name;
  return (
    <div role="treeitem" aria-expanded={!collapsed.has(pk)}>
      <div className="catalog-profile-line">
        <Row
          testId="catalog-profile"
          name={p.name}
          depth={0}
          icon="◆"
          open={!collapsed.has(pk)}
          title={p.endpoint}
          onClick={() => onToggle(pk)}
        />
        {p.saved && (
          <button
            className="catalog-remove"
            data-testid="catalog-remove-profile"
            title={`Remove the saved profile ${p.name}`}
            aria-label={`Remove the profile ${p.name}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      {p.error && (
        <div className="catalog-problem catalog-error" data-testid="catalog-profile-problem" role="alert">
          <ProblemText code={p.errorCode} message={p.error} />
          {retryAt && (
            <div className="catalog-retry" data-testid="catalog-retry">
              Silt tries again on its own at {retryAt.toLocaleTimeString()}; ↻ tries now.
            </div>
          )}
          {p.saved && (
            <button
              className="tb-btn catalog-replace"
              data-testid="catalog-replace-profile"
              title={`Paste a new profile for ${p.name}; it keeps the name ${p.name}`}
              onClick={onReplace}
            >
              Replace profile…
            </button>
          )}
        </div>
      )}
      {p.warnings.map((w) => (
        <div key={w} className="catalog-problem catalog-warning" data-testid="catalog-profile-warning">
          {w}
        </div>
      ))}
      {!collapsed.has(pk) &&
        p.shares.map((s) => {
          const sk = `${pk}/${s.name}`;
          return (
            <div key={s.name} role="group">
              <Row testId="catalog-share" name={s.name} depth={1} icon="▣" open={!collapsed.has(sk)} onClick={() => onToggle(sk)} />
              {!collapsed.has(sk) &&
                s.schemas.map((sc) => {
                  const sck = `${sk}/${sc.name}`;
                  return (
                    <div key={sc.name} role="group">
                      <Row
                        testId="catalog-schema"
                        name={sc.name}
                        depth={2}
                        icon="▤"
                        open={!collapsed.has(sck)}
                        onClick={() => onToggle(sck)}
                      />
                      {!collapsed.has(sck) && sc.tables.length === 0 && <div className="catalog-muted catalog-indent-3">no tables</div>}
                      {!collapsed.has(sck) &&
                        sc.tables.map((t) => {
                          const ref = { profile: p.name, share: s.name, schema: sc.name, table: t };
                          const isSelected = selected !== null && selected.profile === p.name && keyOf(selected) === keyOf(ref);
                          const name = formatTableName(ref);
                          const live = liveState(name);
                          return (
                            <Row
                              key={t}
                              testId="catalog-table"
                              dataName={name}
                              name={t}
                              depth={3}
                              icon="▦"
                              selected={isSelected}
                              live={live}
                              onClick={() => onSelect(ref)}
                            />
                          );
                        })}
                    </div>
                  );
                })}
            </div>
          );
        })}
    </div>
  );
}

interface RowProps {
  testId: string;
  name: string;
  depth: number;
  icon: string;
  open?: boolean;
  selected?: boolean;
  title?: string;
  dataName?: string;
  /** A live table's state: a dot like the one in cell headers. */
  live?: string;
  onClick(): void;
}

function Row({ testId, name, depth, icon, open, selected, title, dataName, live, onClick }: RowProps) {
  return (
    <button
      className={`catalog-row catalog-indent-${depth}${selected ? ' selected' : ''}`}
      data-testid={testId}
      data-name={dataName ?? name}
      title={title ?? name}
      aria-selected={selected}
      onClick={onClick}
    >
      <span className="catalog-caret">{open === undefined ? '' : open ? '▾' : '▸'}</span>
      <span className="catalog-icon">{icon}</span>
      <span className="catalog-name">{name}</span>
      {live && (
        <span
          className={`live-dot live-dot-${live} catalog-live`}
          data-testid="catalog-table-live"
          data-state={live}
          title={`live (${live})`}
        />
      )}
    </button>
  );
}
