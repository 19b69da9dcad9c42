/** Silt's own settings the window edits: the network (a proxy and a CA bundle for sharing requests). */
import * as s from '../../common/schema';

export const SETTINGS_PARAMS = {
  'settings.network': s.object({}),
  'settings.setNetwork': s.object({
    proxy: s.optional(s.string()),
    noProxy: s.optional(s.string()),
    caFile: s.optional(s.string()),
  }),
};

type In<K extends keyof typeof SETTINGS_PARAMS> = s.Infer<(typeof SETTINGS_PARAMS)[K]>;

/** The network settings; an empty field means "as the environment says". */
export interface NetworkSettings {
  /** http(s)://[user:password@]host:port. Sent to the window with the password as `****`. */
  proxy?: string;
  /** As NO_PROXY. */
  noProxy?: string;
  /** A PEM file of CA certificates to trust besides the system's. */
  caFile?: string;
}

export interface NetworkSettingsView {
  settings: NetworkSettings;
  /** Where they are kept (`settings.json` in the app data folder). */
  file: string;
  /** What the environment sets, shown as the fallback: names and proxies without passwords. */
  fromEnvironment: NetworkSettings;
}

export interface SettingsRequests {
  'settings.network': { params: In<'settings.network'>; result: NetworkSettingsView };
  /**
   * Checks and saves the network settings (a proxy password given as `****` keeps the saved one).
   * They apply to profiles opened from now on: new notebooks, or a session restart.
   */
  'settings.setNetwork': { params: In<'settings.setNetwork'>; result: NetworkSettingsView };
}
