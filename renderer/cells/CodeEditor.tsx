/** A CodeMirror 6 editor bound to one cell's source. */
import { closeCompletion } from '@codemirror/autocomplete';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { NameInfo } from '../../kernel/protocol/messages';
import { baseExtensions, languageExtension, type EditorLanguage } from './editorSetup';
import { sessionNameCompletions } from './sessionNameCompletions';
import { errorLineField, setErrorLine } from './errorLineField';

interface Props {
  source: string;
  language: EditorLanguage;
  /** Focus the editor when this turns true (edit mode on this cell). */
  focused: boolean;
  errorLine?: number | null;
  /** Session names offered as completions (null for markdown). */
  names: (() => NameInfo[]) | null;
  onChange(source: string): void;
  onFocus(): void;
}

/** CodeMirror tracks completion sources by identity, so the source is made once per editor. */
function sessionNamesData(names: () => NameInfo[]) {
  const data = [{ autocomplete: sessionNameCompletions(names) }];
  return EditorState.languageData.of(() => data);
}

export function CodeEditor({ source, language, focused, errorLine, names, onChange, onFocus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
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
          ...(names ? [sessionNamesData(names)] : []),
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
    view.current?.dispatch({ effects: lang.current.reconfigure(languageExtension(language)) });
  }, [language]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
  }, [source]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(errorLine ?? null) });
  }, [errorLine]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (focused && !v.hasFocus) v.focus();
    if (!focused && v.hasFocus) v.contentDOM.blur();
  }, [focused]);

  return <div className="cell-editor" data-testid="cell-editor" ref={host} />;
}
