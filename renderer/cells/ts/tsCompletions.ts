/**
 * Completion from real types in TypeScript cells: after `df.` the DataFrame's methods, after
 * `sharing.` the sharing API, after `Plot.` Plot's marks; elsewhere the names earlier cells and the
 * realm define. Each option shows its kind and type, as the compiler describes it.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { CellCompletion } from '../../../kernel/protocol/typescript';
import type { TsService } from './TsService';

/** The compiler's kinds → CodeMirror's completion types (which name the CSS classes). */
const TYPE: Record<string, string> = {
  method: 'method',
  property: 'property',
  getter: 'property',
  setter: 'property',
  function: 'function',
  const: 'constant',
  let: 'variable',
  var: 'variable',
  'local var': 'variable',
  class: 'class',
  interface: 'type',
  type: 'type',
  enum: 'enum',
  module: 'namespace',
  keyword: 'keyword',
};

export function tsCompletions(service: () => TsService | null, cellId: () => string): CompletionSource {
  return async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    const ts = service();
    const before = ctx.state.sliceDoc(Math.max(0, ctx.pos - 200), ctx.pos);
    const afterDot = /\.[\w$]*$/.test(before);
    // Outside `x.` a word must be started (or completion asked for), as for other sources.
    if (!ts || (!afterDot && !ctx.explicit && !/[\w$]$/.test(before))) return null;
    let found;
    try {
      found = await ts.completions(cellId(), ctx.state.doc.toString(), ctx.pos);
    } catch {
      return null;
    }
    if (ctx.aborted || found.options.length === 0) return null;
    return { from: found.from, options: found.options.map(toCompletion), validFor: /^[\w$]*$/ };
  };
}

/** One option: the kind and a short type beside the label, the whole signature in the info box. */
export function toCompletion(o: CellCompletion): Completion {
  const signature = o.detail ?? '';
  return {
    label: o.label,
    type: TYPE[o.kind] ?? 'variable',
    detail: joinDetail(o.kind, shortType(signature, o.label)),
    ...(signature ? { info: signature } : {}),
    ...(o.insert ? { apply: applyInsert(o.insert) } : {}),
    // Members come before the other sources' names; the compiler knows they fit here.
    boost: 2,
  };
}

/** Writes `df["odd name"]` for a column that is not an identifier: from before the dot to the cursor. */
function applyInsert(insert: { text: string; from: number }): Completion['apply'] {
  return (view, _completion, _from, to) =>
    view.dispatch({
      changes: { from: insert.from, to, insert: insert.text },
      selection: { anchor: insert.from + insert.text.length },
      userEvent: 'input.complete',
    });
}

/** `method` + `(rows?: number): DataFrame`, or `property` + `: number[]`. */
function joinDetail(kind: string, type: string): string {
  return type === '' || type.startsWith(':') ? `${kind}${type}` : `${kind} ${type}`;
}

/**
 * `(method) DataFrame.head(rows?: number): DataFrame` → `(rows?: number): DataFrame`;
 * `(property) DataFrame.shape: number[]` → `: number[]`.
 */
export function shortType(signature: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|[\\s."])${escaped}"?\\??(?=[(:<])`).exec(signature);
  if (!m) return '';
  // Object types span lines in the compiler's text; the list shows them on one.
  const rest = signature
    .slice(m.index + m[0].length)
    .replace(/\s+/g, ' ')
    .trim();
  return rest;
}
