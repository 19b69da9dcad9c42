/** A modal dialog: Esc or a click outside cancels, Enter in a field confirms. */
import { useEffect, useRef, type ReactNode } from 'react';
import { focusTarget, noteOpener } from './focusAfterDialog';

interface Props {
  title: string;
  testId: string;
  children: ReactNode;
  okLabel?: string;
  cancelLabel?: string;
  okDisabled?: boolean;
  onOk?(): void;
  onCancel(): void;
  /** A third choice between Cancel and OK, such as "Don't save". */
  secondaryLabel?: string;
  onSecondary?(): void;
  wide?: boolean;
}

export function Dialog({
  title,
  testId,
  children,
  okLabel = 'OK',
  cancelLabel = 'Cancel',
  okDisabled,
  onOk,
  onCancel,
  secondaryLabel,
  onSecondary,
  wide,
}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    const active = document.activeElement as HTMLElement | null;
    const opener = active && active !== document.body ? noteOpener(active) : null;
    const node = box.current;
    // A disabled control cannot take the focus (Open's "up" button at the workspace root): it stayed
    // on the toolbar button behind the dialog, where Esc and typing went.
    const first = node?.querySelector<HTMLElement>('input:not(:disabled), textarea:not(:disabled), button:not(:disabled)');
    (first ?? node)?.focus();
    // Closed, the dialog took the focus with it to the page's body, where Tab starts over from the top
    // and keys reach nothing: it goes back to what opened the dialog (Export…, the File menu), unless
    // the closing put it somewhere on purpose (a result's dialog gives it to its cell); or, when the
    // opener left the page meanwhile (the toolbar changed layout), to the control that now offers it.
    return () => {
      const now = document.activeElement;
      const lost = !now || now === document.body || Boolean(node?.contains(now));
      if (lost && opener) focusTarget(opener)?.focus();
    };
  }, []);
  useEffect(() => {
    // A button that turns disabled while it works (Export, Publish) drops the focus to the page,
    // out of reach of the dialog's own key handler: Esc must still close the dialog on top.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || (document.activeElement && document.activeElement !== document.body)) return;
      const open = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      if (open[open.length - 1] === box.current) cancel.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        tabIndex={-1}
        ref={box}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && onOk && !okDisabled && (e.target as Element).tagName === 'INPUT') onOk();
        }}
      >
        <div className="dialog-title">{title}</div>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button className="btn" data-testid="dialog-cancel" onClick={onCancel}>
            {cancelLabel}
          </button>
          {onSecondary && (
            <button className="btn" data-testid="dialog-secondary" onClick={onSecondary}>
              {secondaryLabel}
            </button>
          )}
          {onOk && (
            <button className="btn btn-primary" data-testid="dialog-ok" disabled={okDisabled} onClick={onOk}>
              {okLabel}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
