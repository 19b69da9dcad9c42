/**
 * `silt run NOTEBOOK.ipynb [--out OUT.ipynb] [-p name=value ...] [--profile FILE.share ...]`: execute every cell headless,
 * write the outputs (into the notebook itself unless --out says where), exit 1 if a cell fails.
 * `--to html|pdf|md` writes a report instead (beside the notebook unless --out says where).
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseIpynb } from '../notebook/fromIpynb';
import { REPORT_FORMATS, type ReportFormat } from '../protocol/report';
import { exportReport } from '../report/exportReport';
import { findChromium } from '../report/findChromium';
import { reportPath } from '../report/reportPath';
import { runNotebook } from '../run/runNotebook';
import { flag, parseArgs, UsageError } from './parseArgs';
import { parsePageSize } from '../report/reportOptions';
import { expiryWarning, parseProfile } from '../sharing/client';

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

export async function runCommand(argv: string[], err: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, {
    value: ['out', 'to', 'title', 'author', 'page-size'],
    boolean: ['hide-code'],
    repeat: ['p', 'profile'],
    alias: { param: 'p' },
  });
  const to = (flag(args, 'to') ?? 'ipynb') as ReportFormat;
  if (!REPORT_FORMATS.includes(to)) throw new UsageError(`--to takes ${REPORT_FORMATS.join(', ')}, not "${to}"`);
  const [input] = args.positionals;
  if (!input) throw new UsageError('silt run needs a notebook: silt run NOTEBOOK.ipynb [--out OUT.ipynb] [-p name=value ...]');
  const params: Record<string, string> = {};
  for (const p of args.flags.get('p') ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`-p takes name=value, not "${p}"`);
    params[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const path = resolve(input);
  const nb = parseIpynb(readFileSync(path, 'utf8'), path);
  const profiles = (args.flags.get('profile') ?? []).map((p) => resolve(p));
  for (const line of expiryWarnings(profiles)) err(line);
  const pageText = flag(args, 'page-size');
  const pageSize = pageText === undefined ? undefined : parsePageSize(pageText);
  if (to === 'pdf') findChromium(); // before the run, so a missing browser does not cost a whole run
  const { notebook, failed } = await runNotebook(nb, {
    params,
    env: { SILT_WORKSPACE: process.cwd(), SILT_PROFILES: JSON.stringify(profiles) },
  });
  const out = resolve(flag(args, 'out') ?? reportPath(path, to));
  await exportReport(notebook, {
    format: to,
    path: out,
    hideCode: flag(args, 'hide-code') === 'true',
    title: flag(args, 'title'),
    author: flag(args, 'author'),
    name: basename(path, '.ipynb'),
    pageSize,
  });
  if (failed) {
    err(`Cell ${failed.index + 1} (${failed.cell.language}) failed: ${failed.message}`);
    err(`Outputs up to the failure were written to ${out}.`);
    return 1;
  }
  err(`Ran ${notebook.cells.filter((c) => c.type === 'code').length} cells; wrote ${out}.`);
  return 0;
}
