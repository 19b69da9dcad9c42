/**
 * The diagnostics `silt run` and `silt serve` write to stderr, filtered by `--log-level`. The default
 * (info) prints exactly what Silt printed before the option existed; `warn` and `error` quiet a
 * scheduled job down to what needs a person; `debug` adds what a bug report needs (settings, per-cell
 * timings). Every line is redacted first, so a token never reaches a log, whatever the level.
 * Results a command exists to produce (the URL, a watch's update lines) go to stdout and are not logs.
 */
import { redactSecrets } from '../host/redactSecrets';
import { UsageError } from './parseArgs';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

export interface Logger {
  readonly level: LogLevel;
  error(line: string): void;
  warn(line: string): void;
  info(line: string): void;
  debug(line: string): void;
  /** Whether lines of `level` are written (to skip building costly debug text). */
  enabled(level: LogLevel): boolean;
}

/** `--log-level`'s value; absent means the default. */
export function parseLogLevel(text: string | undefined): LogLevel {
  if (text === undefined) return DEFAULT_LOG_LEVEL;
  const level = text.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level takes error, warn, info or debug, not "${text}"`);
  }
  return level as LogLevel;
}

/** `secrets`: values to hide besides the token patterns redactSecrets knows (the host's own token). */
export function createLogger(level: LogLevel, write: (line: string) => void, secrets: () => (string | undefined)[] = () => []): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) <= rank;
  const at = (l: LogLevel) => (line: string) => {
    if (enabled(l)) write(redactSecrets(line, ...secrets()));
  };
  return { level, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), enabled };
}
