/** Completes the names the session knows (result variables, tables, shared tables, columns). */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { NameInfo } from '../../kernel/protocol/messages';
import { completionOptions } from './completionOptions';

const TYPE: Record<NameInfo['kind'], string> = { variable: 'variable', table: 'class', 'shared-table': 'namespace', column: 'property' };

/** `members: false` leaves `x.` to another source (the TypeScript compiler knows members better). */
export function sessionNameCompletions(names: () => NameInfo[], opts: { members?: boolean } = {}): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    // Shared tables are dotted (share.schema.table), so the word includes dots.
    const word = ctx.matchBefore(/[\w.]+/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    if (opts.members === false && word.text.includes('.')) return null;
    const { from, options } = completionOptions(names(), ctx.state.doc.toString(), word.text);
    const shown: Completion[] = options.map((o) => ({ label: o.label, type: TYPE[o.kind], detail: o.detail, boost: o.boost }));
    return shown.length ? { from: word.from + from, options: shown, validFor: /^[\w.]*$/ } : null;
  };
}
