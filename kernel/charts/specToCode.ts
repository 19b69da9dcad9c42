/**
 * The TypeScript cell a chart spec stands for: the queries that feed it, then
 * `display(Plot.plot({...}))`. Inserted below the result by the chart builder, it makes the chart a
 * persisted, re-runnable output that a reader can edit.
 */
import type { ColumnInfo } from '../protocol';
import { chartQueries } from './chartQueries';
import type { ChartSpec } from './chartSpec';
import { chartKind } from '../../common/columnKind';
import { plotPlan, type MarkPlan, type PlotPlan } from './plotPlan';
import type { BandLabelLayout } from './bandLabelLayout';

export interface CodeSource {
  columns: ColumnInfo[];
  /** Decides, as the preview did, whether DuckDB aggregates first; unknown counts read rows as they are. */
  rowCount?: number;
  /** Tick interval for a date band axis, from the data the preview drew (see bandTicks). */
  xTicks?: string;
  /** The y axis's label room the preview needed (see yLabelMargin). */
  marginLeft?: number;
  /** How the preview turned long x labels (see bandLabelLayout). */
  xLabels?: BandLabelLayout;
}

export function specToCode(spec: ChartSpec, tableName: string, source: CodeSource = { columns: [] }): string {
  const queries = chartQueries(spec, { table: tableName, columns: source.columns, rowCount: source.rowCount ?? 0 });
  const lines: string[] = [];
  if (queries.note) lines.push(`// ${queries.note}`);
  for (const d of queries.datasets) lines.push(`const ${d.name} = await query(${templateLiteral(d.sql)});`);
  const temporal = new Set(source.columns.filter((c) => chartKind(c.type) === 'temporal').map((c) => c.name));
  lines.push(
    `display(Plot.plot(${planSource(plotPlan(spec, queries.aggregated, { temporal, xTicks: source.xTicks, marginLeft: source.marginLeft, xLabels: source.xLabels }))}));`,
  );
  return lines.join('\n');
}

function planSource(plan: PlotPlan): string {
  const entries = Object.entries(plan.options).map(([k, v]) => `  ${key(k)}: ${literal(v)},`);
  const marks = plan.marks.map((m) => `    ${markSource(m)},`);
  return `{\n${entries.join('\n')}${entries.length ? '\n' : ''}  marks: [\n${marks.join('\n')}\n  ],\n}`;
}

function markSource(m: MarkPlan): string {
  const options = m.transform ? `Plot.${m.transform.fn}(${literal(m.transform.outputs)}, ${literal(m.options)})` : literal(m.options);
  if (m.data === null) return `Plot.${m.fn}(${options})`;
  const data = typeof m.data === 'string' ? m.data : literal(m.data);
  return Object.keys(m.options).length || m.transform ? `Plot.${m.fn}(${data}, ${options})` : `Plot.${m.fn}(${data})`;
}

/** A JavaScript literal with bare keys where they are identifiers: how a person would write it. */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const body = Object.entries(v)
      .map(([k, x]) => `${key(k)}: ${literal(x)}`)
      .join(', ');
    return body ? `{${body}}` : '{}';
  }
  return JSON.stringify(v);
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
}

function templateLiteral(sql: string): string {
  return '`' + sql.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${') + '`';
}
