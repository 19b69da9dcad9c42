/** An .ipynb file's text for tests: cells given by their source (SQL unless said), as Silt writes them. */

export interface NotebookCell {
  type?: 'markdown';
  id?: string;
  language?: 'sql' | 'typescript';
  source: string;
  name?: string;
}

/** An .ipynb text of these cells: SQL by default, TypeScript or markdown when said. */
export function notebookJson(cells: NotebookCell[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c, i) =>
      c.type === 'markdown'
        ? { cell_type: 'markdown', id: c.id ?? `m${i}`, source: c.source, metadata: {} }
        : {
            cell_type: 'code',
            id: c.id ?? `c${i}`,
            execution_count: null,
            outputs: [],
            source: c.source,
            metadata: { silt: { language: c.language ?? 'sql', ...(c.name ? { name: c.name } : {}) } },
          },
    ),
  });
}
