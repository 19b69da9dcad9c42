/**
 * Rewrites a transpiled cell so that it can run inside an async wrapper (for top-level `await`)
 * while its declarations still outlive the cell, as in Jupyter: top-level `const`/`let`/`var` become
 * assignments to globals, classes become global assignments, function declarations are hoisted onto
 * the global object, imports become `await __silt_import(...)`, and a final expression statement
 * becomes the cell's value. Every edit keeps line breaks where they were, so line numbers in the
 * output are those of the input and the esbuild source map still applies.
 */
import { parse } from 'acorn';
import type { Identifier, Literal, ModuleDeclaration, Node, Program, Statement } from 'acorn';

export interface RewrittenCell {
  code: string;
  /** Characters the wrapper adds before the cell's first line (for mapping columns on line 1). */
  prefixLength: number;
  /** Global names the cell reads or writes (used to load SQL results it needs first). */
  identifiers: Set<string>;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function rewriteTopLevel(js: string): RewrittenCell {
  const program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as Program;
  const edits: Edit[] = [];
  const hoisted: string[] = [];
  let imports = 0;
  const body = program.body;
  body.forEach((raw, index) => {
    let st: Statement | ModuleDeclaration = raw;
    if (st.type === 'ExportNamedDeclaration' && st.declaration) {
      edits.push({ start: st.start, end: st.declaration.start, text: keepNewlines(js.slice(st.start, st.declaration.start)) });
      st = st.declaration;
    } else if (st.type === 'ExportNamedDeclaration' || st.type === 'ExportAllDeclaration' || st.type === 'ExportDefaultDeclaration') {
      edits.push({ start: st.start, end: st.end, text: keepNewlines(js.slice(st.start, st.end)) });
      return;
    }
    if (st.type === 'VariableDeclaration') {
      const first = st.declarations[0];
      edits.push({ start: st.start, end: first.start, text: ';' + keepNewlines(js.slice(st.start, first.start)) });
      for (const d of st.declarations) {
        edits.push({ start: d.start, end: d.start, text: '(' });
        edits.push({ start: d.end, end: d.end, text: d.init ? ')' : ' = void 0)' });
      }
    } else if (st.type === 'FunctionDeclaration' && st.id) {
      hoisted.push(st.id.name);
    } else if (st.type === 'ClassDeclaration' && st.id) {
      edits.push({ start: st.start, end: st.start, text: `;${st.id.name} = ` });
      edits.push({ start: st.end, end: st.end, text: ';' });
    } else if (st.type === 'ImportDeclaration') {
      const mod = `__silt_m${++imports}`;
      const parts = [`const ${mod} = await __silt_import(${JSON.stringify(st.source.value)});`];
      for (const s of st.specifiers) {
        if (s.type === 'ImportDefaultSpecifier') parts.push(`${s.local.name} = ${mod}.default ?? ${mod};`);
        else if (s.type === 'ImportNamespaceSpecifier') parts.push(`${s.local.name} = ${mod};`);
        else parts.push(`${s.local.name} = ${mod}[${JSON.stringify(importedName(s.imported))}];`);
      }
      edits.push({ start: st.start, end: st.end, text: parts.join(' ') + keepNewlines(js.slice(st.start, st.end)) });
    } else if (st.type === 'ExpressionStatement' && index === body.length - 1) {
      edits.push({ start: st.start, end: st.expression.start, text: 'return (' });
      edits.push({ start: st.expression.end, end: st.end, text: ');' });
    }
  });
  let out = js;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  const prefix = `(async () => {${hoisted.map((n) => `globalThis.${n} = ${n};`).join('')}`;
  return { code: `${prefix}${out}\n})()`, prefixLength: prefix.length, identifiers: collectIdentifiers(program) };
}

function importedName(n: Identifier | Literal): string {
  return n.type === 'Identifier' ? n.name : String(n.value);
}

/** Replaces text with nothing but its line breaks, so later lines keep their numbers. */
function keepNewlines(s: string): string {
  return s.replace(/[^\n]/g, '');
}

function collectIdentifiers(program: Program): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as Node & Record<string, unknown>;
    if (n.type === 'Identifier') names.add((n as unknown as Identifier).name);
    for (const key of Object.keys(n)) {
      if (key !== 'loc' && key !== 'start' && key !== 'end') walk(n[key]);
    }
  };
  walk(program);
  return names;
}
