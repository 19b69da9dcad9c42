/**
 * Runs TypeScript cells in the session process's own global scope, the way Node's REPL does: values
 * made in one cell are plain globals for the next, and libraries see ordinary arrays and objects
 * (a separate vm realm would break `instanceof Array` inside danfojs). A session process belongs to
 * one notebook, so its globals are that notebook's variables.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import { formatWithOptions } from 'node:util';
import { join } from 'node:path';
import type { ErrorOutput } from '../protocol';
import { sqlHint } from './ts/sqlInTypeScript';
import { SqlErrorInCode } from './ts/SqlErrorInCode';
import { CellSyntaxError, transpileCell, type TranspiledCell } from './ts/transpileCell';

export interface CellRun {
  /** Called with text the cell prints, as it prints it. */
  onStream(name: 'stdout' | 'stderr', text: string): void;
  /** Runs before the cell with the globals it mentions, to load what they need. */
  prepare(identifiers: Set<string>): Promise<void>;
}

export class TsRealm {
  private count = 0;
  /**
   * The run the code executing now belongs to, carried across its awaits and timers: two cells can
   * run at once (a live re-run beside the user's cell), and each one's console output is its own.
   * `done` once the run ended: what a timer prints later goes to the process's own output.
   */
  private readonly current = new AsyncLocalStorage<{ run: CellRun; done: boolean }>();
  private readonly requireFrom: NodeRequire;

  constructor(workspace: string) {
    // Packages resolve from the workspace first (an analyst's own installs), then from Silt itself.
    const fromWorkspace = createRequire(join(workspace, 'noop.js'));
    const fromSilt = createRequire(__filename);
    this.requireFrom = ((id: string) => {
      try {
        return fromWorkspace(id);
      } catch {
        return fromSilt(id);
      }
    }) as NodeRequire;
    const g = globalThis as Record<string, unknown>;
    // Generated notebooks import Silt's own modules by these names.
    const own: Record<string, () => unknown> = { 'silt/automl': () => require('../automl') };
    g.__silt_import = async (id: string) => (own[id] ? own[id]() : this.requireFrom(id));
    g.require = this.requireFrom;
    g.console = this.makeConsole();
  }

  /** Sets a global the cells can use (display, register, sql, ...). */
  define(name: string, value: unknown): void {
    (globalThis as Record<string, unknown>)[name] = value;
  }

  /** Calls a global the realm defined (helpers built on other helpers). */
  call(name: string, ...args: unknown[]): unknown {
    return ((globalThis as Record<string, unknown>)[name] as (...a: unknown[]) => unknown)(...args);
  }

  defineLazy(name: string, load: () => unknown): void {
    let cached: unknown;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => (cached ??= load()),
      set: (v) => {
        cached = v;
      },
    });
  }

  /** Runs one cell; resolves with its last expression's value. Errors come back as ErrorOutput. */
  async run(source: string, run: CellRun): Promise<{ value: unknown } | { error: ErrorOutput }> {
    const filename = `cell-${++this.count}.js`;
    let cell: TranspiledCell;
    try {
      cell = transpileCell(source, `cell-${this.count}.ts`);
    } catch (e) {
      if (e instanceof CellSyntaxError) return { error: errorOutput('SyntaxError', e.message + sqlHint(source), e.line, []) };
      throw e;
    }
    const slot = { run, done: false };
    return this.current.run(slot, async () => {
      try {
        await run.prepare(cell.identifiers);
        const value = await runInThisContext(cell.code, { filename });
        return { value };
      } catch (e) {
        return { error: this.mapError(e, filename, cell, source) };
      } finally {
        slot.done = true;
      }
    });
  }

  private mapError(e: unknown, filename: string, cell: TranspiledCell, source: string): ErrorOutput {
    if (!(e instanceof Error) && !(typeof e === 'object' && e && 'message' in e)) {
      return errorOutput('Error', `Uncaught ${formatWithOptions({}, '%o', e)}`, undefined, []);
    }
    const err = e as Error & { line?: number; kind?: string };
    const frames = (err.stack ?? '').split('\n').filter((l) => l.includes(filename));
    let line: number | undefined = err.line;
    let firstOriginal: number | undefined;
    const trace: string[] = [];
    for (const f of frames) {
      const m = new RegExp(`${filename.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(f);
      if (!m) continue;
      const original = cell.originalLine(Number(m[1]), Number(m[2]) - 1);
      if (original === undefined) continue;
      line ??= original;
      firstOriginal ??= original;
      trace.push(`line ${original}: ${source.split('\n')[original - 1]?.trim() ?? ''}`);
    }
    if (e instanceof SqlErrorInCode) {
      // Its own line counts the SQL text's lines, not the cell's: the cell's is where the literal is.
      const callLine = firstOriginal;
      const placed = e.inCell(source, callLine);
      if (placed) return { ...errorOutput(err.kind ?? 'SQL error', placed.message, placed.line, trace), column: placed.column };
      return errorOutput(err.kind ?? 'SQL error', err.message, callLine, trace);
    }
    return errorOutput(err.kind ?? err.name ?? 'Error', err.message, line, trace);
  }

  private makeConsole(): Console {
    const write =
      (name: 'stdout' | 'stderr') =>
      (...args: unknown[]) => {
        const text = formatWithOptions({ colors: false, depth: 4 }, ...(args as [unknown, ...unknown[]])) + '\n';
        const slot = this.current.getStore();
        if (slot && !slot.done) slot.run.onStream(name, text);
        else (name === 'stdout' ? process.stdout : process.stderr).write(text);
      };
    const c = Object.create(console) as Console;
    Object.assign(c, {
      log: write('stdout'),
      info: write('stdout'),
      debug: write('stdout'),
      warn: write('stderr'),
      error: write('stderr'),
    });
    c.table = (data: unknown) => write('stdout')(data);
    return c;
  }
}

function errorOutput(ename: string, message: string, line: number | undefined, traceback: string[]): ErrorOutput {
  return { kind: 'error', ename, message, ...(line !== undefined ? { line } : {}), traceback };
}
