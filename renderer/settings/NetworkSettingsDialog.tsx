/**
 * Network settings: the proxy, what bypasses it and a company CA bundle, kept in Silt's settings file
 * for analysts who cannot set HTTPS_PROXY or SILT_CA_FILE (an app started from the Dock or the Start
 * menu sees none of a shell's variables). The kernel checks them before saving and never sends a
 * proxy password back: it shows as ****, and left so it stays as saved. The password has its own
 * masked field: one typed or pasted into the proxy URL goes there key by key (proxyPassword.ts editProxyUrl).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { NetworkSettings, NetworkSettingsView } from '../../kernel/protocol';
import type { KernelClient } from '../kernel-client/KernelClient';
import { Dialog } from '../panels/Dialog';
import { PasswordField } from './PasswordField';
import { editProxyUrl, joinProxyPassword, savedPasswordLost, splitProxyPassword } from './proxyPassword';
import './NetworkSettingsDialog.css';

interface Props {
  client: KernelClient;
  onClose(): void;
  /** The settings' section tabs (SettingsDialog), shown above the fields. */
  tabs?: ReactNode;
}

const FIELDS: { key: keyof NetworkSettings; label: string; placeholder: string; env: string }[] = [
  { key: 'proxy', label: 'Proxy', placeholder: 'http://proxy.example.com:3128', env: 'HTTPS_PROXY' },
  { key: 'noProxy', label: 'No proxy for', placeholder: '.corp.example.com, 10.0.0.0/8', env: 'NO_PROXY' },
  { key: 'caFile', label: 'Company CA bundle (PEM file)', placeholder: '/etc/ssl/company-ca.pem', env: 'SILT_CA_FILE' },
];

export function NetworkSettingsDialog({ client, onClose, tabs }: Props) {
  const [view, setView] = useState<NetworkSettingsView | null>(null);
  // `proxy` here is the URL without its password, which lives in `password` alone.
  const [values, setValues] = useState<NetworkSettings>({});
  const [password, setPassword] = useState('');
  const [typingPassword, setTypingPassword] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  // The proxy URL as the kernel sent it: its saved password (****) only stays with this address.
  const [shownUrl, setShownUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client.request('settings.network', {}).then(
      (v) => {
        setView(v);
        const { url, password } = splitProxyPassword(v.settings.proxy ?? '');
        setValues({ ...v.settings, proxy: url });
        setShownUrl(url);
        setPassword(password ?? '');
      },
      (e: Error) => setError(e.message),
    );
  }, [client]);

  const lost = savedPasswordLost(shownUrl, values.proxy ?? '', password);
  const save = () => {
    if (lost) return setError('The saved password only goes with the saved proxy address: type the password again for this one.');
    setBusy(true);
    setError(null);
    client
      .request('settings.setNetwork', { ...values, proxy: joinProxyPassword(values.proxy ?? '', password) })
      .then(onClose, (e: Error) => {
        setBusy(false);
        setError(e.message);
        // Save was disabled while saving, which sent the focus out of the dialog (and Esc with it): bring it back.
        firstField.current?.focus();
      });
  };

  return (
    <Dialog
      title="Network settings"
      testId="network-settings-dialog"
      okLabel={busy ? 'Saving…' : 'Save'}
      okDisabled={busy || !view}
      onOk={save}
      onCancel={onClose}
      wide
    >
      {tabs}
      {!view && !error && <p className="dialog-note">Loading…</p>}
      {view &&
        FIELDS.map(({ key, label, placeholder, env }, i) => {
          const inherited = view.fromEnvironment[key];
          const field = (
            <label className="field" key={key}>
              <span>{label}</span>
              <input
                ref={i === 0 ? firstField : undefined}
                data-testid={`network-${key}`}
                value={values[key] ?? ''}
                spellCheck={false}
                placeholder={inherited ?? placeholder}
                // Shown once the kernel answered, after the dialog's own first focus: take it here.
                autoFocus={i === 0}
                onChange={(e) => {
                  if (key !== 'proxy') return setValues((v) => ({ ...v, [key]: e.target.value }));
                  // A password in the URL goes to its own field as it is typed or pasted, before the URL shows it.
                  const next = editProxyUrl({ url: values.proxy ?? '', password, typingPassword }, e.target.value);
                  setValues((v) => ({ ...v, proxy: next.url }));
                  setPassword(next.password);
                  setTypingPassword(next.typingPassword);
                }}
              />
              <small className="network-inherited">
                {inherited
                  ? `Left empty: ${env} from the environment, ${inherited}`
                  : `Left empty: ${env} from the environment (not set now)`}
              </small>
            </label>
          );
          if (key !== 'proxy') return field;
          return [
            field,
            <PasswordField
              key="proxy-password"
              label="Proxy password"
              testId="network-proxy-password"
              value={password}
              placeholder="none"
              note={
                lost
                  ? 'The saved password goes with the saved proxy address only: type it again for this one.'
                  : 'For a proxy that asks for one; its user goes in the URL (http://user@proxy:3128).'
              }
              onChange={setPassword}
            />,
          ];
        })}
      <p className="dialog-note">
        These apply to every sharing request (servers, OAuth token endpoints, cloud storage) of notebooks opened or restarted from now on.
        {view && ` Kept in ${view.file}.`}
      </p>
      {error && (
        <div className="dialog-error" role="alert" data-testid="network-settings-error">
          {error}
        </div>
      )}
    </Dialog>
  );
}
