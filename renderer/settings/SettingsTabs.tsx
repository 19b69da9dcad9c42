/** The settings' sections as tabs at the top of the dialog: the network, and the download cache's storage. */
export type SettingsTab = 'network' | 'storage';

const TABS: { id: SettingsTab; label: string }[] = [
  { id: 'network', label: 'Network' },
  { id: 'storage', label: 'Storage' },
];

export function SettingsTabs({ tab, onChange }: { tab: SettingsTab; onChange(tab: SettingsTab): void }) {
  return (
    <div className="settings-tabs" role="tablist" aria-label="Settings">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          className="settings-tab"
          aria-selected={tab === t.id}
          data-testid={`settings-tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
