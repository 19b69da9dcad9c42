/** A markdown cell when it is not being edited. */
import { useMemo } from 'react';
import { renderMarkdown } from './renderMarkdown';

export function MarkdownView({ source, onEdit }: { source: string; onEdit(): void }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  if (!source.trim()) {
    return (
      <div className="markdown-rendered markdown-empty" data-testid="markdown-rendered" onDoubleClick={onEdit}>
        Empty markdown cell — double-click or press Enter to edit
      </div>
    );
  }
  return (
    <div className="markdown-rendered" data-testid="markdown-rendered" onDoubleClick={onEdit} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
