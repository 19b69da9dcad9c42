/** `silt run`'s options, read and checked before anything runs: a typo costs no run. */
import { isPlainIdentifier } from '../../common/sqlQuote';
import { REPORT_FORMATS, type PageSize, type ReportFormat } from '../protocol/report';
import { parsePageSize } from '../report/reportOptions';
import { parseLogLevel, type LogLevel } from './logger';
import { flag, parseArgs, UsageError } from './parseArgs';

export interface PublishSpec {
  /** The published table's name. */
  name: string;
  /** The name of the cell result to publish. */
  result: string;
}

export interface RunCliOptions {
  help: boolean;
  input?: string;
  params: Record<string, string>;
  profiles: string[];
  to: ReportFormat;
  out?: string;
  layout: 'report' | 'dashboard';
  hideCode: boolean;
  title?: string;
  author?: string;
  pageSize?: PageSize;
  allowErrors: boolean;
  publish: PublishSpec[];
  publishMode: 'append' | 'replace';
  workspace?: string;
  watch: boolean;
  pollMs?: number;
  maxUpdates?: number;
  until?: number;
  logLevel: LogLevel;
}

export function parseRunOptions(argv: string[], now = Date.now()): RunCliOptions {
  const args = parseArgs(argv, {
    value: [
      'out',
      'to',
      'title',
      'author',
      'page-size',
      'layout',
      'publish-mode',
      'workspace',
      'poll',
      'max-updates',
      'until',
      'log-level',
    ],
    boolean: ['hide-code', 'watch', 'allow-errors', 'help'],
    repeat: ['p', 'profile', 'publish'],
    alias: { param: 'p', h: 'help' },
  });
  const on = (k: string) => flag(args, k) === 'true';
  const to = (flag(args, 'to') ?? 'ipynb') as ReportFormat;
  if (!REPORT_FORMATS.includes(to)) throw new UsageError(`--to takes ${REPORT_FORMATS.join(', ')}, not "${to}"`);
  const layout = flag(args, 'layout') ?? 'report';
  if (layout !== 'report' && layout !== 'dashboard') throw new UsageError(`--layout takes report or dashboard, not "${layout}"`);
  if (layout === 'dashboard' && to !== 'html' && to !== 'pdf') throw new UsageError('--layout dashboard needs --to html or --to pdf');
  const publishMode = flag(args, 'publish-mode') ?? 'append';
  if (publishMode !== 'append' && publishMode !== 'replace')
    throw new UsageError(`--publish-mode takes append or replace, not "${publishMode}"`);
  const watch = on('watch');
  for (const k of ['poll', 'max-updates', 'until']) if (flag(args, k) !== undefined && !watch) throw new UsageError(`--${k} needs --watch`);
  const pageText = flag(args, 'page-size');
  return {
    help: on('help'),
    input: args.positionals[0],
    params: pairs(args.flags.get('p') ?? [], '-p'),
    profiles: args.flags.get('profile') ?? [],
    to,
    out: flag(args, 'out'),
    layout,
    hideCode: on('hide-code'),
    title: flag(args, 'title'),
    author: flag(args, 'author'),
    pageSize: pageText === undefined ? undefined : parsePageSize(pageText),
    allowErrors: on('allow-errors'),
    publish: publishSpecs(args.flags.get('publish') ?? []),
    publishMode,
    workspace: flag(args, 'workspace'),
    watch,
    pollMs: seconds(flag(args, 'poll')),
    maxUpdates: count(flag(args, 'max-updates')),
    until: time(flag(args, 'until'), now),
    logLevel: parseLogLevel(flag(args, 'log-level')),
  };
}

function pairs(items: string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of items) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`${option} takes name=value, not "${p}"`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

function publishSpecs(items: string[]): PublishSpec[] {
  const specs = Object.entries(pairs(items, '--publish')).map(([name, result]) => ({ name, result: result.trim() }));
  for (const s of specs) {
    if (!isPlainIdentifier(s.name))
      throw new UsageError(`--publish ${s.name}=…: a published table's name is letters, digits and _, starting with a letter or _`);
    if (!s.result) throw new UsageError(`--publish ${s.name}= needs the name of a cell's result after the =`);
  }
  return specs;
}

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s) || s < 0.5) throw new UsageError(`--poll takes seconds, at least 0.5, not "${text}"`);
  return Math.round(s * 1000);
}

function count(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-updates takes a whole number of at least 1, not "${text}"`);
  return n;
}

function time(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  // A date alone would be read as UTC midnight, which surprises anyone east or west of it.
  const t = /T\d\d:\d\d/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(t)) throw new UsageError(`--until takes an ISO 8601 time such as 2026-12-03T18:00:00Z, not "${text}"`);
  if (t <= now) throw new UsageError(`--until ${text} is already past`);
  return t;
}
