/**
 * The CodeMirror extensions every cell editor shares. Colours come from CSS variables so the one
 * editor setup follows the light/dark theme without reconfiguring.
 */
import { acceptCompletion, autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { markdown } from '@codemirror/lang-markdown';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Extension } from '@codemirror/state';
import { EditorView, drawSelection, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

export type EditorLanguage = 'sql' | 'typescript' | 'markdown';

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier], color: 'var(--syn-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--syn-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--syn-function)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--syn-type)' },
  { tag: [t.propertyName], color: 'var(--syn-property)' },
  { tag: t.heading, fontWeight: '600', color: 'var(--syn-keyword)' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strong, fontWeight: '600' },
  { tag: [t.link, t.url], color: 'var(--syn-string)', textDecoration: 'underline' },
  { tag: t.monospace, color: 'var(--syn-string)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'transparent', color: 'var(--fg)', fontSize: '13px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--accent)', padding: '6px 0' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--fg-faint)', border: 'none' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 6px', minWidth: '28px' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-matchingBracket': { backgroundColor: 'var(--selection)', outline: 'none' },
  '.cm-placeholder': { color: 'var(--fg-faint)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'white' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: 'white' },
  // Member types can be long signatures: the list stays narrow and the full one is in the info box.
  '.cm-tooltip-autocomplete > ul': { maxWidth: 'min(560px, 80vw)', fontFamily: 'var(--mono)', fontSize: '12px' },
  '.cm-completionLabel': { color: 'inherit' },
  '.cm-completionDetail': {
    marginLeft: '1em',
    color: 'var(--fg-muted)',
    fontStyle: 'normal',
    display: 'inline-block',
    maxWidth: '360px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    verticalAlign: 'bottom',
  },
  '.cm-completionInfo': { fontFamily: 'var(--mono)', fontSize: '12px', maxWidth: '420px', whiteSpace: 'pre-wrap' },
  // Type errors: the squiggle is @codemirror/lint's; the hover box follows the theme.
  '.cm-tooltip-lint': { fontFamily: 'var(--sans)', fontSize: '12.5px', maxWidth: 'min(520px, 80vw)' },
  '.cm-diagnostic': { padding: '4px 8px', whiteSpace: 'pre-wrap' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--danger)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--busy)' },
  '.cm-diagnosticSource': { color: 'var(--fg-faint)', fontSize: '11px' },
});

export function languageExtension(lang: EditorLanguage): Extension {
  if (lang === 'sql') return sql({ dialect: PostgreSQL, upperCaseKeywords: true });
  if (lang === 'typescript') return javascript({ typescript: true });
  return markdown();
}

const PLACEHOLDER: Record<EditorLanguage, string> = {
  sql: 'SELECT …  (Shift+Enter to run)',
  typescript: '// TypeScript — earlier SQL results are DataFrames by name',
  markdown: 'Markdown text, $math$ …',
};

export function baseExtensions(lang: EditorLanguage): Extension[] {
  return [
    ...(lang === 'markdown' ? [EditorView.lineWrapping] : [lineNumbers()]),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ icons: false }),
    syntaxHighlighting(highlight),
    placeholder(PLACEHOLDER[lang]),
    // Completion keys first, so Enter and Tab pick the open suggestion (as in Jupyter) instead of
    // breaking the line or indenting; with no suggestion open they fall through.
    keymap.of([
      ...completionKeymap,
      { key: 'Tab', run: acceptCompletion },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
    theme,
  ];
}
