/**
 * Notebook cells that reproduce a run's best trial step by step with the exported API. The data is
 * read by name and split by a rule (time or seed), never by listed row numbers, so the cells still
 * work when the table is live and has grown; the evaluation is on the holdout the model did not see.
 * Imports are local to a cell, so each code cell imports what it uses.
 */
import { describeTrial } from './describeTrial';
import { explainEnsemble } from './explainEnsemble';
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
  const features = run.profile.columns.filter((c) => c.used);
  const used = features.map((c) => `${c.name} (${c.kind})`).join(', ');
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
  const timeColumn = run.split.timeColumn ?? null;
  const splitText = timeColumn
    ? `The holdout is the most recent 20 % of rows by \`${timeColumn}\`; the model trains on the older rows only.`
    : `The holdout is a random 20 % of the rows (seed ${run.seed}).`;
  const q = JSON.stringify;
  return [
    {
      language: 'markdown',
      source: `# Reproduce the AutoML run for \`${run.target}\`\n\nTask: **${run.task}** (${run.profile.taskReason}). Metric: **${run.metric}**. The search ${run.split.text}; its best trial was **${describeTrial(best)}** (validation ${run.metric} ${best.score.toFixed(4)}).\n\n${explainEnsemble(run)}`,
    },
    {
      language: 'markdown',
      source: `## Data and holdout\n\nThe table is read by name, so these cells use its current rows. ${splitText}`,
    },
    {
      language: 'typescript',
      source: `import { splitRows } from 'silt/automl';\nconst table = ${tableCode};\nconst { trainIndex, testIndex } = splitRows(table, { target: ${q(run.target)}, timeColumn: ${q(timeColumn)}, seed: ${run.seed} });\nconsole.log(\`\${trainIndex.length} training rows, \${testIndex.length} holdout rows\`);`,
    },
    {
      language: 'markdown',
      source: `## Columns\n\nUsed: ${used || 'none'}.\n\nLeft out:\n${dropped}\n\nNumbers keep missing values (trees route them; linear models impute the median and add an indicator), categories become codes by frequency, datetimes expand into parts.`,
    },
    {
      language: 'typescript',
      source: `const features = ${q(features.map((c) => c.name))};`,
    },
    {
      language: 'markdown',
      source: `## Model\n\nFamily \`${best.family}\` with the parameters the search picked${best.family === 'gbdt' ? ' (boosting rounds fixed to the early-stopped count)' : ''}, trained on the training rows only.`,
    },
    {
      language: 'typescript',
      source: `import { trainSingleModel } from 'silt/automl';\nconst model = await trainSingleModel(table, { target: ${q(run.target)}, task: ${q(run.task)}, family: ${q(best.family)}, params: ${params}, trainIndex, features, seed: ${run.seed} });`,
    },
    {
      language: 'markdown',
      source: `## Holdout metrics\n\nScored on the holdout rows, which the model did not train on.`,
    },
    {
      language: 'typescript',
      source: `import { evaluateModel } from 'silt/automl';\nconst holdout = evaluateModel(model, table, testIndex);\nconsole.log(${q(run.metric)}, holdout[${q(run.metric)}]);\nholdout;`,
    },
  ];
}
