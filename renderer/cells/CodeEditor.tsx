/** A CodeMirror 6 editor bound to one cell's source. */
import { closeCompletion, type CompletionContext, type CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { Compartment, EditorState, Facet, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useContext, useEffect, useRef } from 'react';
import type { NameInfo } from '../../kernel/protocol/messages';
import { baseExtensions, languageExtension, type EditorLanguage } from './editorSetup';
import { sessionNameCompletions } from './sessionNameCompletions';
import { errorLineField, setErrorLine, type ErrorAt } from './errorLineField';
import { TsRunsContext, TsServiceContext, type TsService } from './ts/TsService';
import { recheck, tsLint } from './ts/tsLint';
import { tsCompletions } from './ts/tsCompletions';

/** True in a TypeScript cell's editor: completion asks the compiler there. */
const isTypescript = Facet.define<boolean, boolean>({ combine: (v) => v.some(Boolean) });

interface Props {
  /** The cell's id: TypeScript checking sees the cells above it. */
  cellId: string;
  source: string;
  language: EditorLanguage;
  /** Focus the editor when this turns true (edit mode on this cell). */
  focused: boolean;
  /** Where the cell's error points: its line, and the column of a SQL error. */
  errorAt?: ErrorAt | null;
  /** Session names offered as completions (null for markdown). */
  names: (() => NameInfo[]) | null;
  onChange(source: string): void;
  onFocus(): void;
}

/**
 * CodeMirror tracks completion sources by identity, so the sources are made once per editor. In
 * TypeScript cells the compiler completes members (`df.`), so session names stay out of those.
 */
function completionData(names: (() => NameInfo[]) | null, ts: () => TsService | null, cellId: () => string) {
  const all = names ? sessionNameCompletions(names) : null;
  const notMembers = names ? sessionNameCompletions(names, { members: false }) : null;
  // Inside a string (`sharing.load('demo.silver.…')`) dotted table names are still offered.
  const inTs: CompletionSource = (ctx) => (inString(ctx) ? all : notMembers)?.(ctx) ?? null;
  const data = [...(names ? [{ autocomplete: inTs }] : []), { autocomplete: tsCompletions(ts, cellId) }];
  const sqlData = all ? [{ autocomplete: all }] : [];
  return EditorState.languageData.of((state) => (state.facet(isTypescript) ? data : sqlData));
}

function inString(ctx: CompletionContext): boolean {
  const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
  return node.name === 'String' || node.name === 'TemplateString';
}

/** What the TypeScript helpers need of an editor in a TypeScript cell; nothing in other languages. */
function typescriptExtensions(lang: EditorLanguage, ts: () => TsService | null, cellId: () => string): Extension {
  return lang === 'typescript' ? [isTypescript.of(true), tsLint(ts, cellId)] : [];
}

export function CodeEditor({ cellId, source, language, focused, errorAt, names, onChange, onFocus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const tsExtensions = useRef(new Compartment());
  // The session (and with it the service) changes on restart; the editor reads the current one.
  const tsService = useContext(TsServiceContext);
  const ts = useRef({ service: tsService, cellId });
  ts.current = { service: tsService, cellId };
  const getService = useRef(() => ts.current.service).current;
  const getCellId = useRef(() => ts.current.cellId).current;
  const runs = useContext(TsRunsContext);
  // Callbacks change on every render; the editor keeps the first closure, so read them through refs.
  const handlers = useRef({ onChange, onFocus });
  handlers.current = { onChange, onFocus };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: source,
        extensions: [
          ...baseExtensions(language),
          lang.current.of(languageExtension(language)),
          errorLineField,
          tsExtensions.current.of(typescriptExtensions(language, getService, getCellId)),
          completionData(names, getService, getCellId),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
            if (u.focusChanged && u.view.hasFocus) handlers.current.onFocus();
            // Running moves focus to another cell; a completion list left open there would float over outputs.
            if (u.focusChanged && !u.view.hasFocus) closeCompletion(u.view);
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        lang.current.reconfigure(languageExtension(language)),
        tsExtensions.current.reconfigure(typescriptExtensions(language, getService, getCellId)),
      ],
    });
  }, [language]);

  // A run ended: what the cell may use changed, so its squiggles are checked again (the linter waits
  // for a pause, as Run all ends runs in quick succession; the session drops checks a newer one replaced).
  const firstRuns = useRef(runs);
  useEffect(() => {
    if (language === 'typescript' && runs !== firstRuns.current) view.current?.dispatch({ effects: recheck.of(null) });
  }, [runs, language]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
  }, [source]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(errorAt ? { ...errorAt } : null) });
  }, [errorAt?.line, errorAt?.column, errorAt?.title, errorAt?.stale]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (focused && !v.hasFocus) v.focus();
    if (!focused && v.hasFocus) v.contentDOM.blur();
  }, [focused]);

  return <div className="cell-editor" data-testid="cell-editor" ref={host} />;
}
