/**
 * The file an export writes: the path as given when it already ends in the right extension, else
 * with it (replacing the other export's extension), so "report.html" never becomes "report.html.html"
 * and a model path typed into the report field does not overwrite the model.
 */
const EXPORT_EXTENSIONS = ['.json', '.html', '.htm'];

export function exportPath(path: string, ext: '.json' | '.html'): string {
  const p = path.trim();
  const lower = p.toLowerCase();
  if (lower.endsWith(ext) || (ext === '.html' && lower.endsWith('.htm'))) return p;
  const other = EXPORT_EXTENSIONS.find((e) => lower.endsWith(e));
  return (other ? p.slice(0, -other.length) : p) + ext;
}
