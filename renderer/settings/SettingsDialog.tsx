/** Silt's settings: the Network and Storage sections, each its own dialog under the same tabs. */
import { useState } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import { NetworkSettingsDialog } from './NetworkSettingsDialog';
import { SettingsTabs, type SettingsTab } from './SettingsTabs';
import { StorageSettingsDialog } from './StorageSettingsDialog';
import './SettingsDialog.css';

interface Props {
  client: KernelClient;
  tab: SettingsTab;
  onClose(): void;
}

export function SettingsDialog({ client, tab: first, onClose }: Props) {
  const [tab, setTab] = useState(first);
  const tabs = <SettingsTabs tab={tab} onChange={setTab} />;
  if (tab === 'storage') return <StorageSettingsDialog client={client} tabs={tabs} onClose={onClose} />;
  return <NetworkSettingsDialog client={client} tabs={tabs} onClose={onClose} />;
}
