/** Completes the names the session knows (result variables, tables, shared tables, columns). */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { NameInfo } from '../../kernel/protocol/messages';

const TYPE: Record<NameInfo['kind'], string> = { variable: 'variable', table: 'class', 'shared-table': 'namespace', column: 'property' };

export function sessionNameCompletions(names: () => NameInfo[]): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    // Shared tables are dotted (share.schema.table), so the word includes dots.
    const word = ctx.matchBefore(/[\w.]+/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    const options: Completion[] = names().map((n) => ({ label: n.name, type: TYPE[n.kind], detail: n.detail ?? n.kind, boost: n.kind === 'column' ? -1 : 0 }));
    return options.length ? { from: word.from, options, validFor: /^[\w.]*$/ } : null;
  };
}
