/**
 * The notebook a new user lands on. It runs with nothing but Silt itself: every cell works offline
 * on DuckDB and the TypeScript kernel, and shows the notebook's main moves.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NotebookModel } from '../protocol';
import { atomicWrite } from '../notebook/atomicWrite';
import { ipynbText } from '../notebook/toIpynb';

export const WELCOME_FILE = 'Welcome.ipynb';

export function welcomeNotebook(): NotebookModel {
  const md = (id: string, source: string) => ({ id, type: 'markdown' as const, source });
  const code = (id: string, language: 'sql' | 'typescript', source: string, name?: string) => ({
    id, type: 'code' as const, language, source, outputs: [], executionCount: null, ...(name ? { name } : {}),
  });
  return {
    metadata: {},
    cells: [
      md('intro', '# Welcome to Silt\n\nA notebook for data that arrives through **Delta Sharing**: SQL cells run on an embedded DuckDB, TypeScript cells keep their variables, and every result is a grid you can scroll end to end.\n\nPress **Shift+Enter** to run a cell and move on, **Esc** then **H** for all keys.'),
      code('orders-sql', 'sql', `-- A SQL cell. Its name (above) makes the result a table and a TypeScript variable.
SELECT
  (i % 7) + 1                                   AS region_id,
  ['Berlin','Lyon','Porto','Turin','Ghent','Graz','Brno'][(i % 7) + 1] AS city,
  DATE '2026-01-01' + INTERVAL (i % 300) DAY    AS day,
  round(20 + (hash(i) % 50000) / 100.0, 2)      AS amount
FROM range(100000) t(i)`, 'orders'),
      code('by-city', 'sql', `SELECT city, count(*) AS orders, round(sum(amount), 2) AS revenue
FROM orders
GROUP BY city
ORDER BY revenue DESC`),
      code('ts-cell', 'typescript', `// A TypeScript cell: \`orders\` is a danfojs DataFrame here.
const top = orders.head(5)
console.log(\`orders has \${orders.shape[0]} rows\`)
top`),
      code('big', 'sql', `-- Ten million rows: the grid pages them from the kernel as you scroll.
SELECT * FROM range(10000000) t(n)`),
    ],
  };
}

/** Writes the welcome notebook into the workspace the first time, never over the user's edits. */
export function ensureWelcomeNotebook(workspace: string): string {
  const path = join(workspace, WELCOME_FILE);
  if (!existsSync(path)) atomicWrite(path, ipynbText(welcomeNotebook()));
  return path;
}
