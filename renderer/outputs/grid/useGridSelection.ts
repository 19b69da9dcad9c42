/**
 * Selecting cells in the grid with the mouse (click, Shift+click, drag) and the keyboard (arrows,
 * Shift+arrows, Ctrl/Cmd+A, Home/End, PageUp/PageDown), and copying the block (Ctrl/Cmd+C as TSV,
 * or CSV / Markdown from the buttons) with exact values. Focus that reaches the grid itself (Tab)
 * lands on a cell, as the WAI-ARIA grid pattern has it: the last active one, or the first data cell.
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';
import type { CellValue } from '../../../kernel/protocol/notebook';
import { clipboardText, type CopyFormat } from './clipboardText';
import { copiedText } from './copiedText';
import { rowsOfRange } from './copyRange';
import { moveSelection, rangeOf, selectAll, type CellPos, type Selection } from './selection';

interface Options {
  rowCount: number;
  columns: string[];
  pageRows: number;
  rowAt(row: number): CellValue[] | undefined;
  fetchRows: ((offset: number, limit: number) => Promise<CellValue[][]>) | null;
  /** Scrolls so the row is in view (after a key moved the focus there). */
  reveal(row: number): void;
}

function cellFrom(target: EventTarget | null): CellPos | null {
  const el = (target as Element | null)?.closest?.('[data-row][data-col]');
  if (!el) return null;
  return { row: Number(el.getAttribute('data-row')), col: Number(el.getAttribute('data-col')) };
}

export function useGridSelection(o: Options) {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const dragging = useRef(false);
  /** A pointer is down in the grid: the focus it brings is the mouse's, not the keyboard's. */
  const pointing = useRef(false);
  const lastFocus = useRef<CellPos | null>(null);
  if (selection) lastFocus.current = selection.focus;
  const current = useRef(selection);
  current.current = selection;
  const opts = useRef(o);
  opts.current = o;

  // A new view (sorted, filtered, re-run) has other rows under the same positions.
  useEffect(() => setSelection(null), [o.rowCount, o.columns.length]);

  useEffect(() => {
    const up = () => {
      dragging.current = false;
      pointing.current = false;
    };
    window.addEventListener('pointerup', up);
    return () => window.removeEventListener('pointerup', up);
  }, []);

  const onPointerDown = useCallback((e: PointerEvent) => {
    pointing.current = true;
    const cell = cellFrom(e.target);
    if (!cell || e.button !== 0) return;
    dragging.current = true;
    setSelection((s) => (e.shiftKey && s ? { anchor: s.anchor, focus: cell } : { anchor: cell, focus: cell }));
  }, []);

  const onPointerOver = useCallback((e: PointerEvent) => {
    if (!dragging.current) return;
    const cell = cellFrom(e.target);
    if (cell) setSelection((s) => (s ? { anchor: s.anchor, focus: cell } : s));
  }, []);

  const onFocus = useCallback((e: FocusEvent) => {
    // Only the grid's own focus (a header's sort button inside it keeps its focus to itself); a click
    // on a cell has already selected it.
    if (e.target !== e.currentTarget || pointing.current || current.current) return;
    const { rowCount, columns, reveal } = opts.current;
    if (rowCount === 0 || columns.length === 0) return;
    const last = lastFocus.current;
    const at = last ? { row: Math.min(last.row, rowCount - 1), col: Math.min(last.col, columns.length - 1) } : { row: 0, col: 0 };
    setSelection({ anchor: at, focus: at });
    reveal(at.row);
  }, []);

  const copy = useCallback(
    async (format: CopyFormat) => {
      const { columns, rowAt, fetchRows } = opts.current;
      const sel = selection ?? selectAll(opts.current.rowCount, columns.length);
      const range = rangeOf(sel);
      try {
        const rows = await rowsOfRange(range, rowAt, fetchRows);
        const header = columns.slice(range.left, range.right + 1);
        // A single cell copies its value alone, as spreadsheets do; a block copies with its header.
        const single = rows.length === 1 && header.length === 1;
        const text = clipboardText(format, single && format !== 'markdown' ? null : header, rows);
        await navigator.clipboard.writeText(text);
        setMessage({ text: copiedText(rows.length, header.length, format), error: false });
      } catch (e) {
        setMessage({ text: (e as Error).message, error: true });
      }
    },
    [selection],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const { rowCount, columns, pageRows, reveal } = opts.current;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        setSelection(selectAll(rowCount, columns.length));
        return;
      }
      if (mod && e.key.toLowerCase() === 'c') {
        e.preventDefault();
        void copy('tsv');
        return;
      }
      if (e.key === 'Escape' && selection) {
        e.preventDefault();
        setSelection(null);
        return;
      }
      if (rowCount === 0 || columns.length === 0) return;
      const from = selection ?? { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } };
      const next = selection
        ? moveSelection(from, e.key, { extend: e.shiftKey, toEdge: mod, rows: rowCount, cols: columns.length, pageRows })
        : e.key.startsWith('Arrow')
          ? from
          : null;
      if (!next) return;
      e.preventDefault();
      setSelection(next);
      reveal(next.focus.row);
    },
    [copy, selection],
  );

  // A new selection starts afresh: an old "too many rows" no longer applies.
  useEffect(() => setMessage((m) => (m?.error ? null : m)), [selection]);

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), message.error ? 10_000 : 2500);
    return () => clearTimeout(t);
  }, [message]);

  return { selection, setSelection, onFocus, onPointerDown, onPointerOver, onKeyDown, copy, message, clearMessage: () => setMessage(null) };
}
