/** A small button that copies a text and says so for a moment. */
import { useState } from 'react';

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <button className="btn btn-small" data-testid={testId} onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  );
}
