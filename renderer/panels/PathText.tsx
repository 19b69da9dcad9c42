/**
 * A file path kept whole on one line: when it is too long, its folders give way with an ellipsis in
 * the middle and the file name stays, rather than the line breaking inside a folder's name. The full
 * path is its tooltip, and stays in the page's text for what reads or copies it.
 */
export function PathText({ path, testId }: { path: string; testId?: string }) {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  return (
    <code className="path-text" title={path} data-testid={testId}>
      <span className="path-text-folder">{path.slice(0, cut)}</span>
      <span className="path-text-name">{path.slice(cut)}</span>
    </code>
  );
}
