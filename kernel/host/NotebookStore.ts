/**
 * Notebook files for the host: open, atomic save, recovery copies of unsaved edits, recent files and
 * the workspace listing. A recovery copy is newer than the file it shadows until the next save; on
 * open it is offered back, so neither an app crash nor a kernel crash loses an edit. Recovery copies hold
 * the user's unsaved work, so they are the user's alone: folder 0700, files 0600.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { insideFolder } from './insideFolder';
import { SiltError } from '../../common/SiltError';
import type { FileEntry, NotebookModel, OpenedNotebook, UntitledRecoveryInfo } from '../protocol';
import { atomicWrite } from '../fs/atomicWrite';
import { knownSecrets } from '../protocol/knownSecrets';
import { parseIpynb } from '../notebook/fromIpynb';
import { ipynbText } from '../notebook/toIpynb';
import { cleanTempFiles } from './cleanTempFiles';
import { untitledRecoveries } from './untitledRecoveries';
import { notebookProblem } from '../protocol/checkNotebook';

const MAX_RECENT = 12;
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

export class NotebookStore {
  private readonly recoveryDir: string;
  private readonly recentFile: string;
  /**
   * Files opened from outside the workspace (the desktop app's Open dialog, `silt open FILE`): the
   * analyst chose each one, so saving it in place is allowed; any other path outside is refused.
   */
  private readonly openedOutside = new Set<string>();

  constructor(
    readonly workspace: string,
    dataDir: string,
  ) {
    this.recoveryDir = join(dataDir, 'recovery');
    this.recentFile = join(dataDir, 'recent.json');
    mkdirSync(workspace, { recursive: true });
    mkdirSync(this.recoveryDir, { recursive: true, mode: PRIVATE_DIR });
    makePrivate(this.recoveryDir);
    const rel = relative(dataDir, workspace);
    const inData = !rel.startsWith('..') && !isAbsolute(rel);
    // Leftover temp files of interrupted writes go in the background: start-up does not wait on a big workspace.
    void cleanTempFiles(inData ? [dataDir] : [dataDir, workspace]).then(
      (removed) => {
        if (removed.length > 0) {
          process.stderr.write(`Removed ${removed.length} temp file(s) left by interrupted writes.\n`);
        }
        return removed;
      },
      () => [],
    );
  }

  resolve(path: string): string {
    return isAbsolute(path) ? path : resolve(this.workspace, path);
  }

  newNotebook(): NotebookModel {
    return {
      cells: [{ id: randomUUID().slice(0, 8), type: 'code', language: 'sql', source: '', outputs: [], executionCount: null }],
      metadata: {},
    };
  }

  open(path: string): OpenedNotebook {
    const abs = this.resolve(path);
    if (!existsSync(abs)) throw new SiltError('not-found', `No notebook at ${abs}`);
    const notebook = parseIpynb(readFileSync(abs, 'utf8'), abs);
    if (!insideFolder(this.workspace, abs)) this.openedOutside.add(abs);
    this.touchRecent(abs);
    // A damaged copy is worth less than the notebook it shadows: the file opens as it is.
    const recovery = (() => {
      try {
        return this.readRecovery(abs);
      } catch {
        return null;
      }
    })();
    const recovered = recovery && recovery.savedAt > statSync(abs).mtimeMs ? recovery.notebook : undefined;
    return { path: abs, notebook, ...(recovered ? { recovered } : {}) };
  }

  /** Saves inside the workspace (or over a file opened from outside it); refuses any other path. */
  save(path: string, notebook: NotebookModel): { path: string; savedAt: number; secretsHidden?: true } {
    const abs = this.resolve(path.endsWith('.ipynb') ? path : `${path}.ipynb`);
    if (!this.openedOutside.has(abs) && !insideFolder(this.workspace, abs)) {
      throw new SiltError('forbidden', `Notebooks are saved inside the workspace (${this.workspace}); ${path} is outside it.`);
    }
    // A credential Silt holds never reaches a file, even one pasted into a cell: the window is told.
    const text = ipynbText(notebook);
    const safe = knownSecrets.text(text);
    atomicWrite(abs, safe);
    this.discardRecovery(abs);
    this.touchRecent(abs);
    return { path: abs, savedAt: Date.now(), ...(safe !== text ? { secretsHidden: true as const } : {}) };
  }

  autosave(key: string, notebook: NotebookModel): { savedAt: number } {
    const savedAt = Date.now();
    atomicWrite(this.recoveryPath(key), knownSecrets.text(JSON.stringify({ key, savedAt, notebook })), PRIVATE_FILE);
    return { savedAt };
  }

  /**
   * The recovery copy kept under `key`, if any. A copy that is torn or is not a notebook is refused
   * as corrupt (and left on disk): handing it back as a notebook would open garbage as "recovered".
   */
  readRecovery(key: string): { savedAt: number; notebook: NotebookModel } | null {
    const file = this.recoveryPath(key);
    if (!existsSync(file)) return null;
    let copy: { savedAt?: unknown; notebook?: unknown };
    try {
      copy = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new SiltError('corrupt', `The recovery copy at ${file} is damaged (${(e as Error).message}); it was left in place.`);
    }
    const problem = typeof copy?.savedAt !== 'number' ? 'it has no save time' : notebookProblem(copy.notebook);
    if (problem) throw new SiltError('corrupt', `The recovery copy at ${file} is damaged: ${problem}. It was left in place.`);
    return { savedAt: copy.savedAt as number, notebook: copy.notebook as NotebookModel };
  }

  /** The recovery copies of untitled notebooks, newest first (see untitledRecoveries.ts). */
  untitledRecoveries(): UntitledRecoveryInfo[] {
    return untitledRecoveries(this.recoveryDir);
  }

  discardRecovery(key: string): void {
    rmSync(this.recoveryPath(key), { force: true });
  }

  /** The folders and notebooks of a folder of the workspace. */
  list(dir?: string): { dir: string; entries: FileEntry[] } {
    const abs = dir ? this.resolve(dir) : this.workspace;
    if (!insideFolder(this.workspace, abs))
      throw new SiltError('forbidden', `Only folders inside the workspace (${this.workspace}) can be listed.`);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new SiltError('not-found', `No folder at ${abs}`);
    const entries = readdirSync(abs, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || d.name.endsWith('.ipynb')))
      .map((d) => ({ name: d.name, path: join(abs, d.name), kind: d.isDirectory() ? ('dir' as const) : ('file' as const) }))
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
    return { dir: abs, entries };
  }

  /** Makes a new folder in a folder of the workspace; the name is one folder's name, not a path. */
  mkdir(dir: string, name: string): { path: string } {
    const clean = name.trim();
    if (clean === '' || clean === '.' || clean === '..' || /[\\/]/.test(clean)) {
      throw new SiltError('bad-request', `"${name}" cannot name a folder: use a name without / or \\.`);
    }
    const abs = join(this.resolve(dir), clean);
    if (!insideFolder(this.workspace, abs))
      throw new SiltError('forbidden', `Folders are made inside the workspace (${this.workspace}) only.`);
    if (existsSync(abs)) throw new SiltError('conflict', `${clean} already exists in this folder.`);
    mkdirSync(abs);
    return { path: abs };
  }

  recent(): string[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile, 'utf8'));
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && existsSync(p)) : [];
    } catch {
      return [];
    }
  }

  /**
   * Takes `path` off the recent list, also while the file is gone (recent() hides a missing file, but
   * the list keeps it, and it would come back if the file reappeared); answers the list as recent() does.
   */
  forgetRecent(path: string): string[] {
    const abs = resolve(path);
    let list: unknown;
    try {
      list = JSON.parse(readFileSync(this.recentFile, 'utf8'));
    } catch {
      return this.recent();
    }
    if (Array.isArray(list)) atomicWrite(this.recentFile, JSON.stringify(list.filter((p) => p !== abs)));
    return this.recent();
  }

  clearRecent(): string[] {
    mkdirSync(dirname(this.recentFile), { recursive: true });
    atomicWrite(this.recentFile, '[]');
    return [];
  }

  private touchRecent(abs: string): void {
    const list = [abs, ...this.recent().filter((p) => p !== abs)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.recentFile), { recursive: true });
    atomicWrite(this.recentFile, JSON.stringify(list));
  }

  private recoveryPath(key: string): string {
    const k = isAbsolute(key) || key.endsWith('.ipynb') ? this.resolve(key) : key;
    return join(this.recoveryDir, createHash('sha256').update(k).digest('hex').slice(0, 32) + '.json');
  }
}

/**
 * Folders made by older versions were 0755 with 0644 copies in them: tighten both on every start. A file
 * the user cannot change (another owner) is reported, not fatal: the app must still start.
 */
function makePrivate(dir: string): void {
  const tighten = (path: string, mode: number) => {
    try {
      chmodSync(path, mode);
    } catch (e) {
      process.stderr.write(`silt: could not make ${path} private: ${(e as Error).message}\n`);
    }
  };
  tighten(dir, PRIVATE_DIR);
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isFile()) tighten(join(dir, d.name), PRIVATE_FILE);
  }
}
