/**
 * `silt run NOTEBOOK.ipynb [options]`: execute every cell headless, write the outputs (into the
 * notebook itself unless --out says where) or a report (--to), publish results (--publish), and with
 * --watch keep all of it current as the notebook's shared tables get new versions. Every option is
 * in `silt run --help` (cli/usage.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { appDataDir } from '../host/appPaths';
import { sharingCacheDir } from '../sharing/client/cacheFolder';
import { parseIpynb } from '../notebook/fromIpynb';
import type { NotebookModel } from '../protocol';
import { saveFile } from '../fs/atomicWrite';
import { exportReport } from '../report/exportReport';
import { findChromium } from '../report/findChromium';
import { printPdf } from '../report/printPdf';
import { renderDashboardHtml } from '../report/renderDashboardHtml';
import { defaultPageSize } from '../report/reportOptions';
import { reportPath } from '../report/reportPath';
import { headlessPublishTarget } from '../run/headlessPublishTarget';
import type { HeadlessSession } from '../run/HeadlessSession';
import { LiveWatch, type Stamps } from '../run/LiveWatch';
import { publishEnv } from '../publish/PublishTarget';
import type { CellsRun } from '../run/runCells';
import { runNotebook } from '../run/runNotebook';
import { startWatchedTables } from '../run/startWatchedTables';
import { expiryWarning, parseProfile } from '../sharing/client';
import { createLogger, type Logger } from './logger';
import { UsageError } from './parseArgs';
import { parseRunOptions, type PublishSpec, type RunCliOptions } from './runOptions';
import { RUN_USAGE } from './usage';

/**
 * One line per profile whose token expired or expires within a week: a scheduled run should say so
 * before the day it starts failing. A profile that cannot be read is left to the run, which says why.
 */
function expiryWarnings(paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let warning: string | undefined;
    try {
      warning = expiryWarning(parseProfile(path));
    } catch {
      continue;
    }
    // The name the session gives the profile, so the warning matches its errors.
    if (warning) out.push(`silt: warning: profile "${basename(path).replace(/\.[^.]*$/, '')}" (${path}): ${warning}`);
  }
  return out;
}

export interface RunIo {
  /** Diagnostics (stderr), filtered by --log-level. */
  err(line: string): void;
  /** A watch's one line per update (stdout). */
  out?(line: string): void;
}

export async function runCommand(argv: string[], err: (line: string) => void, io: Partial<RunIo> = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line + '\n'));
  const o = parseRunOptions(argv);
  if (o.help) {
    out(RUN_USAGE);
    return 0;
  }
  if (!o.input) throw new UsageError('silt run needs a notebook: silt run NOTEBOOK.ipynb [options] (see silt run --help)');
  const log = createLogger(o.logLevel, err);
  const path = resolve(o.input);
  const nb = parseIpynb(readFileSync(path, 'utf8'), path);
  checkPublishSpecs(nb, o.publish);
  const profiles = o.profiles.map((p) => resolve(p));
  for (const line of expiryWarnings(profiles)) log.warn(line);
  if (o.to === 'pdf') findChromium(); // before the run, so a missing browser does not cost a whole run
  const workspace = resolve(o.workspace ?? process.cwd());
  const target = o.publish.length > 0 ? headlessPublishTarget(workspace) : null;
  const dest = resolve(o.out ?? reportPath(path, o.to));
  const write = (notebook: NotebookModel, stamps?: Stamps) => writeOutput(notebook, o, dest, basename(path, '.ipynb'), stamps);
  log.debug(
    `silt run ${path}: workspace ${workspace}; ${profiles.length} profile(s)${profiles.map((p) => ` ${p}`).join(',')}; writes ${dest}`,
  );
  if (Object.keys(o.params).length > 0) log.debug(`parameters: ${Object.keys(o.params).join(', ')}`);

  let watchEnd: Awaited<ReturnType<LiveWatch['run']>> | null = null;
  let watch: LiveWatch | null = null;
  let startVersions: Awaited<ReturnType<typeof startWatchedTables>> | undefined;
  const stopper = o.watch ? signalStopper(log) : null;
  const { notebook, failed, failures } = await runNotebook(nb, {
    params: o.params,
    allowErrors: o.allowErrors,
    env: {
      SILT_WORKSPACE: workspace,
      SILT_PROFILES: JSON.stringify(profiles),
      // The proxy and CA set in the app's settings apply to headless runs too.
      SILT_SETTINGS_FILE: process.env.SILT_SETTINGS_FILE || join(appDataDir(), 'settings.json'),
      SILT_CACHE_DIR: sharingCacheDir(),
      ...(target ? publishEnv(target) : {}),
    },
    beforeRun: o.watch
      ? async (session, notebook) => {
          startVersions = await startWatchedTables(session, notebook, o.pollMs);
          // Listening from now on: a version landing during the first pass is the first update.
          // The watch keeps `notebook`, which the first pass fills in place.
          watch = new LiveWatch(watchOptions(session, notebook));
        }
      : undefined,
    afterRun: async (session, notebook, pass) => {
      // A failed first pass is written (up to the failure) and ends the run, watching or not.
      if (pass.failures.length > 0 && !o.allowErrors) return void (await write(notebook));
      const done = [await write(notebook, watch?.stamps), ...(await publish(session, pass))];
      if (!watch || !stopper) return;
      out(`watching ${[...startVersions!].map(([t, v]) => `${t} v${v.version}`).join(', ')} · ${done.join(' · ')}`);
      const w: LiveWatch = watch;
      stopper.attach(() => w.stop());
      watchEnd = await w.run();
    },
  }).finally(() => stopper?.detach());

  logCellTimes(log, notebook);
  for (const f of failures) log.error(`Cell ${f.index + 1} (${f.cell.language}) failed: ${f.message}`);
  if (failed && !o.allowErrors) {
    log.error(`Outputs up to the failure were written to ${dest}.`);
    return 1;
  }
  const end = watchEnd as Awaited<ReturnType<LiveWatch['run']>> | null;
  if (end) {
    const why = { stopped: 'stopped', 'max-updates': `reached --max-updates ${o.maxUpdates}`, until: 'reached --until' }[end.reason];
    log.info(`Watched ${end.updates} update${end.updates === 1 ? '' : 's'}, ${why}; ${dest} is complete.`);
    return end.lastFailed ? 1 : 0;
  }
  log.info(`Ran ${notebook.cells.filter((c) => c.type === 'code').length} cells; wrote ${dest}.`);
  return 0;

  function watchOptions(session: HeadlessSession, notebook: NotebookModel) {
    return {
      session,
      notebook,
      versions: startVersions!,
      allowErrors: o.allowErrors,
      maxUpdates: o.maxUpdates,
      until: o.until,
      out,
      err: log.error,
      deliver: async (nb: NotebookModel, pass: CellsRun, stamps: Stamps) => ({
        done: [await write(nb, stamps), ...(await publish(session, pass))],
      }),
    };
  }

  /** Publishes each --publish result whose cell ran in this pass: "appended 4 rows to silt.published.daily v3". */
  async function publish(session: HeadlessSession, pass: CellsRun): Promise<string[]> {
    const done: string[] = [];
    for (const spec of o.publish) {
      const cell = resultCell(nb, spec);
      const handle = cell && pass.handles.get(cell.id);
      if (!handle) continue;
      const r = await session.call('data.publish', { handle, name: spec.name, mode: o.publishMode });
      done.push(
        `${o.publishMode === 'append' ? 'appended' : 'replaced'} ${r.rows.toLocaleString('en-US')} rows to ${r.share}.${r.schema}.${r.table} v${r.version}`,
      );
    }
    return done;
  }
}

/** --log-level debug: how long each code cell took, to find the slow one in a scheduled run. */
function logCellTimes(log: Logger, notebook: NotebookModel): void {
  if (!log.enabled('debug')) return;
  notebook.cells.forEach((c, i) => {
    if (c.type === 'code' && c.elapsedMs !== undefined) log.debug(`Cell ${i + 1} (${c.language}) ran in ${Math.round(c.elapsedMs)} ms`);
  });
}

/** Writes the notebook or the report: atomically, so a reader never sees half a file. */
async function writeOutput(notebook: NotebookModel, o: RunCliOptions, dest: string, name: string, stamps?: Stamps): Promise<string> {
  const header = { title: o.title, author: o.author, name };
  if (o.layout === 'dashboard') {
    const html = renderDashboardHtml(notebook, { ...header, stamps });
    const page = `<style>@page { size: ${o.pageSize ?? defaultPageSize()} landscape; margin: 10mm; }</style></head>`;
    saveFile(dest, o.to === 'pdf' ? await printPdf(html.replace('</head>', page)) : html);
  } else await exportReport(notebook, { format: o.to, path: dest, hideCode: o.hideCode, pageSize: o.pageSize, ...header });
  return `wrote ${dest}`;
}

/** The cell whose result `--publish NAME=RESULT` names, by its result name. */
function resultCell(nb: NotebookModel, spec: PublishSpec) {
  return nb.cells.find((c) => c.type === 'code' && c.name?.trim().toLowerCase() === spec.result.toLowerCase());
}

/** Before anything runs: each --publish names a result a cell really has. */
function checkPublishSpecs(nb: NotebookModel, specs: PublishSpec[]): void {
  for (const spec of specs) {
    if (resultCell(nb, spec)) continue;
    const named = nb.cells.flatMap((c) => (c.type === 'code' && c.name?.trim() ? [c.name.trim()] : []));
    throw new UsageError(
      `--publish ${spec.name}=${spec.result}: no cell's result is named "${spec.result}"` +
        (named.length ? ` (named results: ${named.join(', ')})` : " (name a SQL cell's result in the app first)"),
    );
  }
}

/**
 * Ctrl+C / SIGTERM during a watch: the first asks the watch to stop after the update under way; a
 * second exits at once (every file is written atomically, so none is left half written).
 */
function signalStopper(log: Logger) {
  let stop: (() => void) | null = null;
  let asked = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (asked) process.exit(130);
    asked = true;
    log.warn(`silt: ${signal}: stopping after the update under way (again to stop at once).`);
    stop?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    attach(fn: () => void) {
      stop = fn;
      if (asked) fn();
    },
    detach() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
