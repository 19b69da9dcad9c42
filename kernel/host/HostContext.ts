/** What the host's request handlers work with: the sessions, the notebook files, the saved profiles. */
import type { NotebookStore } from './NotebookStore';
import type { ProfileStore } from './ProfileStore';
import type { SessionRegistry } from './SessionRegistry';

export interface HostContext {
  sessions: SessionRegistry;
  store: NotebookStore;
  profiles: ProfileStore;
  version: string;
  /** `--log-level debug`: one line per request answered (its type, outcome and time; never its params). */
  debug?: (line: string) => void;
}
