/** A full-width message under the toolbar, with its actions. */
import type { ReactNode } from 'react';

export function Banner({
  kind,
  testId,
  text,
  children,
}: {
  kind: 'info' | 'warn' | 'danger';
  testId: string;
  text: string;
  children?: ReactNode;
}) {
  return (
    <div className={`banner banner-${kind}`} data-testid={testId} role={kind === 'info' ? 'status' : 'alert'}>
      <span className="banner-text">{text}</span>
      <span className="banner-actions">{children}</span>
    </div>
  );
}
