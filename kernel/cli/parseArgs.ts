/** A small argv parser: `--flag`, `--key value`, `--key=value`, `-p k=v` (repeatable), positionals. */
import { SiltError } from '../../common/SiltError';
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends SiltError {
  constructor(message: string) {
    super('bad-request', message);
  }
}

export function parseArgs(
  argv: string[],
  spec: { boolean?: string[]; repeat?: string[]; value?: string[]; alias?: Record<string, string> },
): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  const known = new Set([...(spec.boolean ?? []), ...(spec.repeat ?? []), ...(spec.value ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    let [key, inline] = a.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    key = spec.alias?.[key] ?? key;
    if (!known.has(key)) throw new UsageError(`unknown option ${a}`);
    let value: string;
    if (spec.boolean?.includes(key)) value = inline ?? 'true';
    else if (inline !== undefined) value = inline;
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new UsageError(`${a} needs a value`);
    flags.set(key, [...(flags.get(key) ?? []), value]);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, key: string): string | undefined {
  return args.flags.get(key)?.at(-1);
}
