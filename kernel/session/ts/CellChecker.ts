/**
 * Type checks TypeScript cells with the real compiler's LanguageService. Each earlier cell is a
 * script file of its own, so its top-level declarations are globals the next cell sees (as they are
 * at run time); the realm's globals come from one ambient declaration file. Files live in a virtual
 * folder beside Silt's `node_modules`, so `import('danfojs')` in the declarations resolves there.
 * Only the current cell's diagnostics are reported; errors that are not errors in a notebook (one
 * cell redeclaring another's `const`, which the realm allows) are dropped.
 */
import { dirname, join } from 'node:path';
import type * as TS from 'typescript';
import type { CellCompletions, CellDiagnostic } from '../../protocol/typescript';

export interface CellFiles {
  /** Earlier cells' sources, in the order they run. */
  before: string[];
  /** The cell being checked. */
  code: string;
  /** Declarations of the realm's globals (ambientDeclarations). */
  ambient: string;
}

/**
 * Codes that a notebook does not treat as errors: cells may redeclare each other's names (2451,
 * 2300, 2393 duplicate function), and top-level await/for-await outside a module (1375, 1378,
 * 1431, 1432) is what cells are for.
 */
const IGNORED = new Set([2451, 2300, 2393, 1375, 1378, 1431, 1432]);
/** Member lists get long; details are looked up only for the first ones shown. */
const MAX_DETAILS = 60;

export class CellChecker {
  private readonly ts: typeof TS;
  private readonly dir: string;
  private readonly files = new Map<string, { text: string; version: number }>();
  /** One counter for all files: a file removed and added again must not reuse an old version. */
  private version = 0;
  private readonly service: TS.LanguageService;

  constructor(ts?: typeof TS) {
    this.ts = ts ?? (require('typescript') as typeof TS);
    // The virtual folder sits at the package root, so module resolution finds its node_modules.
    const root = dirname(dirname(dirname(require.resolve('typescript/package.json'))));
    this.dir = join(root, '__silt_cells__');
    const ts_ = this.ts;
    const options: TS.CompilerOptions = {
      target: ts_.ScriptTarget.ES2022,
      module: ts_.ModuleKind.ESNext,
      moduleResolution: ts_.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts'],
      types: [],
      strict: true,
      noImplicitAny: false,
      skipLibCheck: true,
      noEmit: true,
      allowJs: false,
    };
    const host: TS.LanguageServiceHost = {
      getScriptFileNames: () => [...this.files.keys()],
      getScriptVersion: (f) => String(this.files.get(f)?.version ?? 0),
      getScriptSnapshot: (f) => {
        const own = this.files.get(f);
        if (own) return ts_.ScriptSnapshot.fromString(own.text);
        const text = ts_.sys.readFile(f);
        return text === undefined ? undefined : ts_.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => this.dir,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts_.getDefaultLibFilePath(o),
      fileExists: (f) => this.files.has(f) || ts_.sys.fileExists(f),
      readFile: (f) => this.files.get(f)?.text ?? ts_.sys.readFile(f),
      readDirectory: ts_.sys.readDirectory,
      directoryExists: (d) => d === this.dir || ts_.sys.directoryExists(d),
      getDirectories: ts_.sys.getDirectories,
    };
    this.service = ts_.createLanguageService(host, ts_.createDocumentRegistry());
  }

  diagnostics(cells: CellFiles): CellDiagnostic[] {
    const file = this.load(cells);
    const source = this.service.getProgram()?.getSourceFile(file);
    const found = [...this.service.getSyntacticDiagnostics(file), ...this.service.getSemanticDiagnostics(file)];
    return found
      .filter((d) => !IGNORED.has(d.code) && d.start !== undefined && d.category !== this.ts.DiagnosticCategory.Suggestion)
      .map((d) => {
        const pos = source ? source.getLineAndCharacterOfPosition(d.start!) : { line: 0, character: d.start! };
        return {
          line: pos.line + 1,
          column: pos.character + 1,
          from: d.start!,
          to: d.start! + (d.length ?? 0),
          severity: d.category === this.ts.DiagnosticCategory.Error ? ('error' as const) : ('warning' as const),
          message: this.ts.flattenDiagnosticMessageText(d.messageText, '\n'),
          code: d.code,
        };
      });
  }

  completions(cells: CellFiles, pos: number): CellCompletions | null {
    const file = this.load(cells);
    const at = Math.max(0, Math.min(pos, cells.code.length));
    const found = this.service.getCompletionsAtPosition(file, at, { includeCompletionsWithInsertText: true });
    if (!found) return null;
    const word = /[\w$]*$/.exec(cells.code.slice(0, at))![0];
    const from = at - word.length;
    const member = found.isMemberCompletion;
    // Names starting with `$` are danfojs internals. Outside `x.`, only the notebook's and the realm's
    // own globals: the editor completes local names and keywords itself, and the ES library's
    // hundreds of globals would drown them.
    const own = member ? null : this.topLevelNames();
    const entries = found.entries.filter((e) => !e.name.startsWith('$') && (own === null || own.has(e.name)));
    const typed = word.toLowerCase();
    const ranked = typed ? [...entries].sort((a, b) => rank(b.name, typed) - rank(a.name, typed)) : entries;
    const options = ranked.map((e, i) => ({
      label: e.name,
      kind: e.kind,
      ...(i < MAX_DETAILS && member ? { detail: this.detail(file, at, e.name) } : {}),
      ...(e.insertText !== undefined && e.insertText !== e.name
        ? { insert: { text: e.insertText, from: e.replacementSpan?.start ?? from } }
        : {}),
    }));
    return { from, member, options };
  }

  /** Names declared at the top level of the cells and the realm's declarations. */
  private topLevelNames(): Set<string> {
    const ts = this.ts;
    const names = new Set<string>();
    const program = this.service.getProgram();
    for (const file of this.files.keys()) {
      for (const st of program?.getSourceFile(file)?.statements ?? []) {
        if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
        } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
          names.add(st.name.text);
        }
      }
    }
    return names;
  }

  private detail(file: string, pos: number, name: string): string | undefined {
    const d = this.service.getCompletionEntryDetails(file, pos, name, undefined, undefined, undefined, undefined);
    return d ? this.ts.displayPartsToString(d.displayParts) : undefined;
  }

  /** Puts the cells in the virtual folder and returns the current cell's file name. */
  private load(cells: CellFiles): string {
    const wanted = new Map<string, string>([[join(this.dir, 'globals.d.ts'), cells.ambient]]);
    cells.before.forEach((text, i) => wanted.set(join(this.dir, `cell${i + 1}.ts`), text));
    const current = join(this.dir, 'current.ts');
    wanted.set(current, cells.code);
    for (const name of [...this.files.keys()]) if (!wanted.has(name)) this.files.delete(name);
    for (const [name, text] of wanted) {
      const had = this.files.get(name);
      if (had?.text !== text) this.files.set(name, { text, version: ++this.version });
    }
    return current;
  }
}

function rank(name: string, typed: string): number {
  const n = name.toLowerCase();
  return n.startsWith(typed) ? 2 : n.includes(typed) ? 1 : 0;
}
