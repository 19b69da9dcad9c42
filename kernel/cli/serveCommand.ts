/**
 * `silt serve [--port N] [--no-open] [--workspace DIR] [--profile FILE.share ...] [--no-demo]
 * [--session-idle-minutes M] [--dashboard NOTEBOOK] [--log-level L]`: the app in any browser, on the
 * embedded demo share plus any profiles given; with --dashboard, the notebook's dashboard view.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appDataDir, defaultWorkspace } from '../host/appPaths';
import { sharingCacheDir } from '../sharing/client/cacheFolder';
import { KernelHost } from '../host/KernelHost';
import { DEFAULT_SESSION_IDLE_MINUTES } from '../host/sessionIdle';
import { containCrashes } from '../host/containCrashes';
import { startDemoShare, type DemoShare } from '../demo/startDemoShare';
import { ensureWelcomeNotebook, WELCOME_FILE } from '../demo/welcomeNotebook';
import { createLogger, parseLogLevel } from './logger';
import { flag, parseArgs, UsageError } from './parseArgs';
import { openBrowser } from './openBrowser';
import { startPublishingServer } from '../publish/startPublishingServer';
import { publishEnv } from '../publish/PublishTarget';

export async function serveCommand(argv: string[], version: string): Promise<KernelHost> {
  // The desktop shell passes its token in the environment (a command line is visible to other users)
  // and keeps it across restarts; it is dropped at once so that no child process inherits it.
  const envToken = process.env.SILT_TOKEN || undefined;
  delete process.env.SILT_TOKEN;
  const args = parseArgs(argv, {
    boolean: ['no-open', 'no-demo'],
    value: ['port', 'workspace', 'token', 'session-idle-minutes', 'dashboard', 'log-level'],
    repeat: ['profile'],
  });
  const token = flag(args, 'token') ?? envToken;
  // Hidden from every line: the token given, and the host's own (a random one when none is given).
  const secrets = [token];
  const log = createLogger(
    parseLogLevel(flag(args, 'log-level')),
    (line) => process.stderr.write(`${line}\n`),
    () => secrets,
  );
  const dashboard = flag(args, 'dashboard');
  const dashboardPath = dashboard === undefined ? undefined : resolve(dashboard);
  if (dashboardPath && !existsSync(dashboardPath)) throw new UsageError(`--dashboard ${dashboard}: there is no such notebook`);
  const portText = flag(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const sessionIdleMs = idleMinutes(flag(args, 'session-idle-minutes')) * 60_000;
  const given = flag(args, 'workspace');
  const workspace = given ? resolve(given) : defaultWorkspace();
  const dataDir = appDataDir();
  // A proxy and CA set in Silt's settings (kernel/net/networkSettings.ts), for the host and every session.
  process.env.SILT_SETTINGS_FILE ||= join(dataDir, 'settings.json');
  // One download cache for every session, so one limit covers them all (kernel/sharing/client/cacheFolder.ts).
  process.env.SILT_CACHE_DIR = sharingCacheDir();
  const profiles = (args.flags.get('profile') ?? []).map((p) => resolve(p));
  let demo: DemoShare | null = null;
  if (flag(args, 'no-demo') !== 'true') {
    log.info('Preparing the demo share…');
    demo = await startDemoShare({
      root: given ? join(workspace, '.silt-demo') : join(dataDir, 'demo'),
      profileDir: join(dataDir, 'profiles'),
    });
    profiles.unshift(demo.profilePath);
  }
  // Results published from notebooks are served here, for BI tools and other Delta Sharing clients.
  // A workspace it cannot write to turns publishing off (sessions then say so), not the whole app.
  const publishing = await startPublishingServer({ workspace, profileDir: join(dataDir, 'profiles') }).catch((e: Error) => {
    log.warn(`Publishing tables is off: ${e.message}`);
    return null;
  });
  const sessionEnv = { SILT_PROFILES: JSON.stringify(profiles), ...(publishing ? publishEnv(publishing.target) : {}) };
  // SILT_MAX_REQUEST_MB lowers the save limit, so tests can reach it without a 256 MiB notebook.
  const maxMb = Number(process.env.SILT_MAX_REQUEST_MB);
  const maxRequestBytes = maxMb > 0 ? maxMb * 1024 * 1024 : undefined;
  // The host's own lines are all about something that failed (a request, a socket).
  const hostOptions = {
    ...{ port, token, workspace, dataDir, version, sessionEnv, sessionIdleMs, maxRequestBytes, log: log.error },
    // --log-level debug: a line per request (type, outcome, time), for a bug report.
    ...(log.enabled('debug') ? { debug: log.debug } : {}),
  };
  const host = new KernelHost(hostOptions);
  secrets.push(host.token);
  containCrashes(host.log);
  ensureWelcomeNotebook(workspace);
  const url = await host.listen();
  // The printed URL (and the browser Silt opens) lands on the notebook last open in this app data
  // folder; on a first start with the demo share, on the welcome notebook. A URL pasted from
  // `--no-open` should not land on an empty Untitled notebook.
  const last = host.ctx.store.recent()[0];
  const startPath = last ?? (demo ? join(workspace, WELCOME_FILE) : null);
  const startUrl = startPath ? `${url}&path=${encodeURIComponent(startPath)}` : url;
  const firstUrl = dashboardPath ? dashboardUrl(url, dashboardPath) : startUrl;
  log.debug(`workspace ${workspace}; app data ${dataDir}; ${profiles.length} profile(s)${profiles.map((p) => ` ${p}`).join(',')}`);
  log.debug(
    `sessions end after ${sessionIdleMs > 0 ? `${sessionIdleMs / 60_000} unused minute(s)` : 'never'}; ` +
      (publishing ? `published tables are served at ${publishing.target.endpoint}` : 'publishing is off'),
  );
  process.stdout.write(`Silt is running at ${firstUrl}\n`);
  if (flag(args, 'no-open') !== 'true') {
    const opened = openBrowser(firstUrl);
    if (opened) log.info(`Opened it with ${opened}.`);
  }
  const stop = () => {
    Promise.allSettled([host.close(), demo?.close(), publishing?.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}

/** The dashboard view of a notebook (renderer/main.tsx reads `view`). */
export function dashboardUrl(url: string, notebookPath: string): string {
  return `${url}&view=dashboard&path=${encodeURIComponent(notebookPath)}`;
}

/** Minutes a session may sit unused; fractions allowed (tests use seconds), 0 keeps sessions until closed. */
function idleMinutes(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SESSION_IDLE_MINUTES;
  const m = Number(text);
  if (text.trim() === '' || !Number.isFinite(m) || m < 0) {
    throw new UsageError(`--session-idle-minutes must be a number of minutes (0 = never), not "${text}"`);
  }
  return m;
}
