/** What `silt COMMAND --help` prints: every option of the command, and what its exit code means. */

export const RUN_USAGE = `silt run NOTEBOOK.ipynb [options]

Runs every cell of the notebook headless in a fresh session and writes the notebook (with its
outputs) or a report. Exit code 0 when every cell ran, 1 when a cell failed (the output is written up
to the failing cell, which is named on stderr), 2 for a usage error.

  -p, --param NAME=VALUE   a parameter, set after the cell tagged "parameters" as a TypeScript
                           constant and a DuckDB variable (JSON values are parsed); repeatable
  --profile FILE.share     a Delta Sharing profile to open; repeatable
  --to FORMAT              html, pdf, md or ipynb (default ipynb)
  --out FILE               where to write (default: the notebook itself for ipynb, else beside it
                           with the format's extension); always written atomically
  --layout report|dashboard
                           html and pdf: "dashboard" lays out markdown, charts and tables in
                           tiles, without code, like \`silt serve --dashboard\` (default report;
                           a dashboard PDF is landscape)
  --hide-code              leave code out of the report
  --title T, --author A    the report's header
  --page-size A4|Letter    PDF paper (default by locale)
  --allow-errors           go on after a failing cell; its error stays in the output and the
                           exit code is 0 (like jupyter nbconvert --allow-errors)
  --publish NAME=RESULT    after the run, write the result of the cell named RESULT as the Delta
                           table NAME in <workspace>/.silt/published, served to BI tools by
                           \`silt serve\` as silt.published.NAME; repeatable
  --publish-mode append|replace
                           add the rows as a new version (default), or make them the whole table
  --workspace DIR          the session's workspace (default: the current folder)
  --log-level LEVEL        what goes to stderr: error, warn, info (default: failures, warnings and
                           the summary line) or debug (also settings and each cell's time)

Watching (keeps the report and published tables current):
  --watch                  after the first run, keep running: each new version of a shared table
                           the notebook uses (the tables of cells marked Live, or else every shared
                           table a cell names) re-runs the cells that depend on it, rewrites the
                           output file and publishes again. One line per update on stdout.
                           Ctrl+C or SIGTERM stops after the update under way, files complete;
                           a second one stops at once (files are still never half written)
  --poll SECONDS           how often to ask for new versions (default 2 on this machine, 30 for a
                           remote server; at least 0.5)
  --max-updates N          stop by itself after N updates
  --until TIME             stop by itself at an ISO 8601 time, e.g. 2026-12-03T18:00:00Z

  A watch stops with exit code 0, or 1 when its last update failed: then a cell's error is on
  stderr and the files are those of the last good update. A cell that fails during a watch does
  not stop it; the next version tries again.`;

export const SERVE_USAGE = `silt serve [options]

Starts the app on 127.0.0.1 and prints its URL (with a random token); opens it in a browser when
there is a display.

  --port N                 the port (default: any free one)
  --no-open                print the URL, do not open a browser
  --workspace DIR          where notebooks and published tables live (default: in the app data folder)
  --profile FILE.share     a Delta Sharing profile to open in every session; repeatable
  --no-demo                do not start the demo share
  --session-idle-minutes M end a notebook's session after M unused minutes (default 30, 0 = never)
  --dashboard NOTEBOOK     open NOTEBOOK as a dashboard: its markdown, charts and tables in tiles,
                           without code, kept current as its live tables change
  --log-level LEVEL        what goes to stderr: error, warn, info (default) or debug (also the
                           folders, profiles and settings in use); tokens are never written`;

export const SHARE_USAGE = `silt share PATH... [--port N] [--name SHARE] [--schema SCHEMA] [--profile-out FILE.share] [--ignore-hints]

Shares local Delta tables over Delta Sharing on 127.0.0.1 and writes a profile (endpoint and token)
for a colleague. Runs until Ctrl+C. --ignore-hints answers every query with all of a table's files,
as servers that only prune partitions do (predicate and limit hints are advisory in the protocol).`;

export const AUTOML_USAGE = `silt automl DATA.(csv|parquet) --target COL [--task binary|multiclass|regression] --budget S
            [--seed N] [--split-json FILE] [--preds-out FILE.csv] [--report-out FILE.html]
            [--exclude COL,...] [--include COL,...] [--time-column COL|none]

A baseline model search, headless, for --budget seconds; prints one JSON line (the best family,
validation and holdout metrics, timings) and writes predictions and an HTML report where asked.
Columns that leak the target, identifiers and columns set after the outcome are left out (the line
says which and why); --include takes one back, --exclude leaves more out. With a date or timestamp
column, validation is on the newest rows; --time-column picks the column, or none to shuffle.`;
