/**
 * The notebook a new user lands on. It runs with nothing but Silt itself: the embedded demo share,
 * DuckDB and the TypeScript kernel, offline, and shows the notebook's main moves.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NotebookModel } from '../protocol';
import { atomicWrite } from '../fs/atomicWrite';
import { ipynbText } from '../notebook/toIpynb';

export const WELCOME_FILE = 'Welcome.ipynb';

/** The last cell: where each of Silt's other parts is, and the button or key that reaches it. */
const WHAT_TO_TRY_NEXT = `## What to try next

- **Keys** — \`Shift+Enter\` runs a cell and moves on, \`Ctrl/⌘+Enter\` runs it and stays. \`Esc\` leaves the editor; then \`A\` / \`B\` add a cell above / below, \`D D\` deletes one, \`M\` makes it Markdown, \`L\` switches SQL ↔ TypeScript, \`Ctrl/⌘+Shift+↑/↓\` moves a cell, \`Z\` undoes, and \`H\` lists every key. \`Ctrl/⌘+Shift+P\` finds any command by name.
- **The catalog** — the ☰ button at the top left lists the tables every open profile shares. Click a table for its columns and version, then *Preview* its first rows right in the panel, or *Query in new cell* to start from it. *Add profile…* opens your own \`.share\` file.
- **Live tables** — in the catalog, *Live* keeps a table current as new versions land; in a SQL cell's header, the *Live* switch re-runs the cell whenever a table it reads changes, as the Gold cell above does.
- **Charts** — *Chart…* in a result's header opens the chart builder; *Insert chart* adds a TypeScript cell that draws it, and *SVG* / *PNG* under a chart save it.
- **AutoML** — *Train a baseline model…* in a result's header (or in the catalog, for a whole table) searches for a model that predicts the column you pick and explains what drives it.
- **Export and share** — *Export…* in the toolbar (*File ▾ › Export…* in a narrow window, or \`Ctrl/⌘+Shift+E\`) writes this notebook as HTML, PDF, Markdown or .ipynb. *Export…* in a result's header saves its rows (CSV, Parquet, Excel, …), and *Publish…* serves them as a Delta table to BI tools.`;

export function welcomeNotebook(): NotebookModel {
  const md = (id: string, source: string) => ({ id, type: 'markdown' as const, source });
  const code = (id: string, language: 'sql' | 'typescript', source: string, name?: string, live?: 'auto') => ({
    id,
    type: 'code' as const,
    language,
    source,
    outputs: [],
    executionCount: null,
    ...(name ? { name } : {}),
    ...(live ? { live } : {}),
  });
  return {
    metadata: {},
    cells: [
      md(
        'intro',
        `# Welcome to Silt

This notebook reads the **demo share**: a used-car marketplace served by Silt's own Delta Sharing server on this machine. Events stream into *Bronze*, are cleaned into *Silver* (one row per listing and order, with change data feed) and summed up in *Gold*. A simulator adds new events every few seconds, so re-running a cell shows new data.

Shared tables are named \`share.schema.table\`. Press **Shift+Enter** to run a cell and move on; **Esc** then **H** lists every key.`,
      ),
      code(
        'orders-sql',
        'sql',
        `-- Silver orders. The name above makes the result a table and a TypeScript variable.
SELECT order_id, order_date, region, city, make, model, amount_eur, status
FROM demo.silver.orders
WHERE status <> 'cancelled'`,
        'orders',
      ),
      md(
        'live-md',
        `## Live tables

The next cell is marked **Live** (the switch in its header): Silt keeps \`demo.gold.daily_sales\` current by polling its version every 2 s and applying only what changed to a local copy. When the simulator commits, the cell re-runs by itself: watch the pulsing dot, the version in its header and the *Live* strip at the top. Cells that use its result re-run too; set one to *manual* to keep it still.`,
      ),
      code(
        'gold-sql',
        'sql',
        `-- Gold: revenue per day and region, newest first
SELECT day, region, orders, revenue_eur, avg_order_eur
FROM demo.gold.daily_sales
ORDER BY day DESC, region`,
        undefined,
        'auto',
      ),
      code(
        'ts-cell',
        'typescript',
        `// A TypeScript cell: \`orders\` is a danfojs DataFrame here.
const byMake = orders.groupby(['make']).col(['amount_eur']).sum()
console.log(\`\${orders.shape[0]} orders from \${byMake.shape[0]} makes\`)
byMake.sortValues('amount_eur_sum', { ascending: false }).head(5)`,
      ),
      md(
        'cdf-md',
        `## What changed?

Silver keeps a change data feed: inserts, updates (before and after) and deletes, per table version. Time travel reads an older version.`,
      ),
      code(
        'cdf-sql',
        'sql',
        `SELECT _commit_version, _change_type, count(*) AS rows
FROM table_changes('demo.silver.orders', 1)
GROUP BY ALL
ORDER BY 1, 2`,
      ),
      code(
        'time-travel',
        'sql',
        `SELECT (SELECT count(*) FROM demo.silver.listings VERSION AS OF 1) AS listings_at_v1,
       (SELECT count(*) FROM demo.silver.listings) AS listings_now`,
      ),
      code(
        'big',
        'sql',
        `-- Ten million rows: the grid pages them from the kernel as you scroll.
SELECT * FROM range(10000000) t(n)`,
      ),
      md('next', WHAT_TO_TRY_NEXT),
    ],
  };
}

/** Writes the welcome notebook into the workspace the first time, never over the user's edits. */
export function ensureWelcomeNotebook(workspace: string): string {
  const path = join(workspace, WELCOME_FILE);
  if (!existsSync(path)) atomicWrite(path, ipynbText(welcomeNotebook()));
  return path;
}
