// The import graph of the source tree, one node per .ts/.tsx file, read with the TypeScript parser
// so that multi-line, type-only (`import type`, `export type … from`, `import('x').T`), dynamic and
// require() imports are all seen. Type-only edges count: a cycle of types still ties the files
// together for the reader, and turns into a value cycle the day one side needs a constant.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { SOURCE, sourceFiles } from './sourceFiles.mjs';

/** Module specifiers a file imports, each with whether only types come through it. */
export function importsOf(fileName, text) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found = [];
  const add = (spec, typeOnly) => {
    if (spec && ts.isStringLiteralLike(spec)) found.push({ spec: spec.text, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : null;
      const allNamedTypes = Boolean(named && named.elements.length && named.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly || (allNamedTypes && !clause.name)));
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, or null (packages, assets, and files that do not exist). */
export function resolveSpecifier(fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const files = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`];
  const candidates = [...files, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile()) ?? null;
}

/**
 * Map from each file (path relative to root, with forward slashes) to its imports of other files
 * in the tree: [{ to, typeOnly }]. `areas` are the top-level folders to read; missing ones are skipped.
 */
export function importGraph(root, areas) {
  const key = (abs) => relative(root, abs).split(sep).join('/');
  const graph = new Map();
  for (const area of areas) {
    const dir = join(root, area);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      const edges = [];
      for (const { spec, typeOnly } of importsOf(file, readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(file, spec);
        if (target) edges.push({ to: key(target), typeOnly });
      }
      graph.set(key(file), edges);
    }
  }
  return graph;
}
