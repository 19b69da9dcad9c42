/**
 * The find bar's state and actions: the query and its options, the matches across the notebook, the
 * current one, and replacing (one match, or all of them as a single edit of the document).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { setSource } from '../notebook/documentModel';
import type { DocumentApi } from '../notebook/useDocument';
import { onFindRequest } from './findEvents';
import { useActiveTabRef } from '../tabs/ActiveTab';
import { findMatches, replaceInSource, type FindMatch, type FindOptions } from './findMatches';
import { editorOfCell, selectInEditor } from './findHighlight';
import { revealCurrentOutputMark } from './outputMarks';

export type FindApi = ReturnType<typeof useFind>;

const DEFAULT_OPTIONS: FindOptions = {
  query: '',
  matchCase: false,
  wholeWord: false,
  regex: false,
  scope: { code: true, markdown: true, outputs: false },
};

export function useFind(docApi: DocumentApi) {
  const [open, setOpen] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [options, setOptions] = useState<FindOptions>(DEFAULT_OPTIONS);
  const [replacement, setReplacement] = useState('');
  const [current, setCurrent] = useState(0);
  /** Bumped to move the view to the current match once the matches it refers to are rendered. */
  const [revealTick, setRevealTick] = useState(0);
  /** Bumped to focus the query once the bar has rendered. */
  const [focusTick, setFocusTick] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  /** What the last Replace all changed, so it can be undone as one step. */
  const [lastReplace, setLastReplace] = useState<{ before: Map<string, string>; after: Map<string, string>; count: number } | null>(null);
  const cells = docApi.state.doc.model.cells;

  // Typing in the query searches once: the search done to place the current match is the one shown.
  const last = useRef<{ cells: typeof cells; options: FindOptions; found: ReturnType<typeof findMatches> } | null>(null);
  const search = useCallback((within: typeof cells, opts: FindOptions) => {
    if (last.current?.cells !== within || last.current.options !== opts)
      last.current = { cells: within, options: opts, found: findMatches(within, opts) };
    return last.current.found;
  }, []);
  const { matches, error } = useMemo(() => (open ? search(cells, options) : { matches: [], error: null }), [open, cells, options, search]);
  const index = matches.length === 0 ? -1 : Math.min(current, matches.length - 1);

  /** The first match at or after the selected cell, so find starts where the analyst is. */
  const firstFromSelection = useCallback(
    (list: FindMatch[]) => {
      const sel = cells.findIndex((c) => c.id === docApi.latest.current.selectedId);
      const order = new Map(cells.map((c, i) => [c.id, i]));
      const i = list.findIndex((m) => (order.get(m.cellId) ?? 0) >= sel);
      return Math.max(i, 0);
    },
    [cells, docApi.latest],
  );

  const setQueryOptions = useCallback(
    (patch: Partial<FindOptions>) => {
      const next = { ...options, ...patch };
      setOptions(next);
      setCurrent(firstFromSelection(search(cells, next).matches));
      setRevealTick((t) => t + 1);
    },
    [options, cells, firstFromSelection, search],
  );

  const step = useCallback(
    (delta: 1 | -1) => {
      if (matches.length === 0) return;
      setCurrent((c) => (Math.min(c, matches.length - 1) + delta + matches.length) % matches.length);
      setRevealTick((t) => t + 1);
    },
    [matches.length],
  );

  const close = useCallback(() => {
    setOpen(false);
    setLastReplace(null);
    input.current?.blur();
    docApi.setMode('command');
  }, [docApi]);

  // Requests from the shortcut hook and the command palette, for the notebook shown now.
  const active = useActiveTabRef();
  useEffect(
    () =>
      onFindRequest((r) => {
        if (!active.current) return;
        if (r.kind === 'next' || r.kind === 'previous') {
          if (!open) setOpen(true);
          else step(r.kind === 'next' ? 1 : -1);
          return;
        }
        setOpen(true);
        setReplacing(r.kind === 'replace');
        const prefill = 'prefill' in r ? r.prefill : undefined;
        if (prefill) setQueryOptions({ query: prefill });
        setFocusTick((t) => t + 1);
      }),
    [open, step, setQueryOptions],
  );

  // Select all so that typing replaces the previous query.
  useEffect(() => {
    if (focusTick === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [focusTick]);

  // Show the current match: select its cell, and its text in the cell's editor.
  useEffect(() => {
    const m = matches[index];
    if (!open || !m) return;
    const cell = cells.find((c) => c.id === m.cellId);
    // A rendered markdown cell shows its editor only in edit mode.
    const needsEditor = m.part === 'source' && cell?.type === 'markdown' && !editorOfCell(m.cellId);
    docApi.select(m.cellId, needsEditor ? 'edit' : 'command');
    const show = () => {
      const view = m.part === 'source' ? editorOfCell(m.cellId) : null;
      if (view) selectInEditor(view, m.from, m.to);
      else if (m.part === 'output' && revealCurrentOutputMark()) return;
      else document.querySelector(`[data-cell-id="${CSS.escape(m.cellId)}"]`)?.scrollIntoView({ block: 'nearest' });
    };
    if (!needsEditor) {
      requestAnimationFrame(show);
      return;
    }
    // The markdown cell's editor appears and takes focus once React has rendered it; then the
    // match is selected in it and focus returns to the bar, where the analyst is typing.
    const done = () => {
      document.removeEventListener('focusin', onFocus, true);
      clearTimeout(timer);
      show();
      input.current?.focus();
    };
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof Element && e.target.closest(`[data-cell-id="${CSS.escape(m.cellId)}"] .cm-editor`)) done();
    };
    document.addEventListener('focusin', onFocus, true);
    const timer = setTimeout(done, 500);
    return () => {
      document.removeEventListener('focusin', onFocus, true);
      clearTimeout(timer);
    };
    // Only when asked to move (typing, next, previous, replace), not on every edit of the document.
  }, [revealTick]);

  const replaceCurrent = useCallback(() => {
    const m = matches[index];
    if (!m || m.part !== 'source') return;
    docApi.edit((d) => {
      const cell = d.model.cells.find((c) => c.id === m.cellId);
      return cell ? setSource(d, m.cellId, replaceInSource(cell.source, [m], replacement, options.regex)) : d;
    });
    setRevealTick((t) => t + 1);
  }, [matches, index, docApi, replacement, options.regex]);

  /** Every source match replaced in one edit; `undoReplaceAll` takes the whole of it back. */
  const replaceAll = useCallback(() => {
    const bySource = new Map<string, FindMatch[]>();
    for (const m of matches) if (m.part === 'source') bySource.set(m.cellId, [...(bySource.get(m.cellId) ?? []), m]);
    if (bySource.size === 0) return;
    const before = new Map<string, string>();
    const after = new Map<string, string>();
    for (const cell of docApi.latest.current.doc.model.cells) {
      const ms = bySource.get(cell.id);
      if (!ms) continue;
      before.set(cell.id, cell.source);
      after.set(cell.id, replaceInSource(cell.source, ms, replacement, options.regex));
    }
    // One step of the notebook's undo (Z, Ctrl/⌘+Z outside an editor), besides the bar's own Undo.
    docApi.edit((d) => [...after].reduce((next, [id, source]) => setSource(next, id, source), d), undefined, { undoable: true });
    const count = [...bySource.values()].reduce((n, ms) => n + ms.length, 0);
    setLastReplace({ before, after, count });
  }, [matches, docApi, replacement, options.regex]);

  /**
   * Puts back the sources Replace all changed, in one edit. A cell edited since keeps its newer text:
   * undo never throws away typing done after the replace.
   */
  const undoReplaceAll = useCallback(() => {
    if (!lastReplace) return;
    docApi.edit((d) =>
      d.model.cells.reduce(
        (next, c) => (lastReplace.after.get(c.id) === c.source ? setSource(next, c.id, lastReplace.before.get(c.id)!) : next),
        d,
      ),
    );
    setLastReplace(null);
  }, [lastReplace, docApi]);

  return {
    open,
    replacing,
    setReplacing,
    options,
    setQueryOptions,
    replacement,
    setReplacement,
    matches,
    index,
    error,
    step,
    close,
    replaceCurrent,
    replaceAll,
    lastReplace,
    undoReplaceAll,
    input,
  };
}
