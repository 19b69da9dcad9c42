/**
 * Notebook cells that reproduce a run's best trial step by step with the exported API. Imports are
 * local to a cell, so each code cell imports what it uses.
 */
import type { AutoMLRun } from './fitAutoML';

export interface NotebookCell {
  language: 'typescript' | 'markdown';
  source: string;
}

/**
 * `data` is the data file's path, or TypeScript code for the table in a notebook that already has it
 * (e.g. `await automl.table("orders")`).
 */
export function generateNotebookCells(run: AutoMLRun, data: string | { code: string } = 'DATA.csv'): NotebookCell[] {
  const tableCode = typeof data === 'string' ? `await loadTable(${JSON.stringify(data)})` : data.code;
  const best = run.best;
  const used = run.profile.columns
    .filter((c) => c.used)
    .map((c) => `${c.name} (${c.kind})`)
    .join(', ');
  const dropped =
    run.profile.columns
      .filter((c) => !c.used)
      .map((c) => `- \`${c.name}\`: ${c.reason}`)
      .join('\n') || '- none';
  const params = JSON.stringify({
    ...best.params,
    ...(best.params.rounds === undefined && run.model.members[0]?.models[0]?.rounds
      ? { rounds: run.model.members[0].models[0].rounds }
      : {}),
  });
  const metricKey = run.metric;
  return [
    {
      language: 'markdown',
      source: `# Reproduce the AutoML run for \`${run.target}\`\n\nTask: **${run.task}** (${run.profile.taskReason}). Metric: **${run.metric}**. Best trial: **${best.family}** #${best.trial}, validation ${run.metric} ${best.score.toFixed(4)}.`,
    },
    {
      language: 'typescript',
      source: `import { loadTable } from 'silt/automl';\nconst table = ${tableCode};\nconst trainIndex: number[] = ${JSON.stringify(run.trainRows.length > 50_000 ? '/* the run trained on a sample; paste its indices */' : run.trainRows)};`,
    },
    {
      language: 'markdown',
      source: `## Preprocessing\n\nColumns used: ${used}.\n\nDropped:\n${dropped}\n\nNumbers keep missing values (trees route them; linear models impute the median and add an indicator), categories become codes by frequency, datetimes expand into parts.`,
    },
    {
      language: 'typescript',
      source: `import { profileTable } from 'silt/automl';\nconst profile = profileTable(table, ${JSON.stringify(run.target)}, trainIndex, ${JSON.stringify(run.task)});\nconsole.table(profile.columns);`,
    },
    {
      language: 'markdown',
      source: `## Model\n\nFamily \`${best.family}\` with the parameters the search picked${best.family === 'gbdt' ? ' (boosting rounds fixed to the early-stopped count)' : ''}.`,
    },
    {
      language: 'typescript',
      source: `import { trainSingleModel } from 'silt/automl';\nconst model = await trainSingleModel(table, { target: ${JSON.stringify(run.target)}, task: ${JSON.stringify(run.task)}, family: ${JSON.stringify(best.family)}, params: ${params}, trainIndex, seed: ${run.seed} });`,
    },
    {
      language: 'markdown',
      source: '## Metrics\n\nIn-sample metrics of the refit model (the validation score above is the honest estimate).',
    },
    {
      language: 'typescript',
      source: `import { evaluate } from 'silt/automl';\nconst classes = model.classes;\nconst y = trainIndex.map((r) => { const v = table.columns.find((c) => c.name === ${JSON.stringify(run.target)})!.values[r]; return classes.length ? classes.indexOf(String(Number(v) === Number(v) && typeof v !== 'string' ? Number(v) : v)) : Number(v); });\nconst out = model.outputs({ columns: table.columns.map((c) => ({ name: c.name, values: trainIndex.map((r) => c.values[r]) })) });\nconst report = evaluate(${JSON.stringify(run.task)}, y, out, classes.length);\nconsole.log(${JSON.stringify(metricKey)}, report[${JSON.stringify(metricKey)}]);`,
    },
  ];
}
