/**
 * The `silt` command. Errors a user can fix are printed as one line, never as a stack trace.
 */
import { serveCommand } from './cli/serveCommand';
import { runCommand } from './cli/runCommand';
import { UsageError } from './cli/parseArgs';
import { AUTOML_USAGE, SERVE_USAGE, SHARE_USAGE } from './cli/usage';
import { runShareCommand } from './sharing/server';
import { runAutomlCli } from './automl';

const VERSION = '0.1.0';

const USAGE = `Silt ${VERSION}: a notebook for data shared through Delta Sharing.

  silt serve [--port N] [--no-open] [--workspace DIR] [--profile FILE.share ...] [--no-demo]
             [--session-idle-minutes M] [--dashboard NOTEBOOK] [--log-level error|warn|info|debug]
                      start the app and print its URL; a notebook's session ends after M unused
                      minutes (default 30, 0 = never); --dashboard opens NOTEBOOK as a dashboard
  silt run NOTEBOOK.ipynb [--out OUT.ipynb] [-p name=value ...] [--profile FILE.share ...]
           [--to html|pdf|md|ipynb] [--layout dashboard] [--hide-code] [--title T] [--author A]
           [--allow-errors] [--publish NAME=RESULT] [--watch [--poll S] [--max-updates N] [--until TIME]]
           [--log-level error|warn|info|debug]
                      run every cell headless; --to writes a report (PDF needs Chromium or Chrome);
                      --watch keeps it current as shared tables change
  silt COMMAND --help   every option of a command
  silt share PATH... [--port N] [--name SHARE] [--schema SCHEMA] [--profile-out FILE.share]
                      share local Delta tables with a colleague
  silt automl DATA.(csv|parquet) --target COL [--task binary|multiclass|regression] --budget S
              [--seed N] [--split-json FILE] [--preds-out FILE.csv] [--report-out FILE.html]
                      a baseline model search, headless
  silt --version | --help`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const err = (line: string) => process.stderr.write(line + '\n');
  // `silt run --help` is answered by the run command itself, which reads all its options.
  const usage: Record<string, string> = { serve: SERVE_USAGE, share: SHARE_USAGE, automl: AUTOML_USAGE };
  if (usage[command] && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(usage[command] + '\n');
    return 0;
  }
  switch (command) {
    case 'serve':
      await serveCommand(rest, VERSION);
      return -1; // keeps running
    case 'run':
      return runCommand(rest, err);
    case 'share': {
      const server = await runShareCommand(rest, (line) => process.stdout.write(line + '\n'));
      const stop = () => server.close().finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'automl':
      return runAutomlCli(rest, (line) => process.stdout.write(line + '\n'), err);
    case '--version':
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`silt: ${message}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
