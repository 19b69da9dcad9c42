/**
 * The data-quality section of a notebook report: one line per expectation cell, from the outputs
 * it saved (the summary line, the figures table, a FAIL UPDATE error), so a report shows at its top
 * whether the data it was made from held what the analyst relies on. Pure: reports call it.
 */
import { isExpectationCell } from './parseExpectations';

/** The parts of a notebook cell this reads, structurally (common imports nothing of the kernel). */
interface ReportCell {
  type: string;
  language?: string;
  source: string;
  outputs?: {
    kind: string;
    name?: string;
    text?: string;
    ename?: string;
    message?: string;
    columns?: { name: string }[];
    rows?: unknown[][];
  }[];
}

export type QualityState = 'pass' | 'warn' | 'fail' | 'not run';

export interface QualityLine {
  state: QualityState;
  /** The cell's summary line, or its error, or why there is none. */
  text: string;
}

const STATE_LABEL: Record<QualityState, string> = { pass: 'All pass', warn: 'Warnings', fail: 'Failing', 'not run': 'Not run' };

export function qualityLines(cells: ReportCell[]): QualityLine[] {
  return cells
    .filter((c) => c.type === 'code' && c.language === 'sql' && isExpectationCell(c.source))
    .map((c) => {
      const outputs = c.outputs ?? [];
      const error = outputs.find((o) => o.kind === 'error');
      const summary = outputs.find((o) => o.kind === 'stream' && o.name === 'stdout')?.text?.split('\n')[0];
      const figures = outputs.find((o) => o.kind === 'table' && o.columns?.[4]?.name === 'failed');
      if (error) return { state: 'fail', text: `${error.ename}: ${error.message}` };
      if (!summary || !figures) return { state: 'not run', text: c.source.split('\n')[0] };
      const failing = (figures.rows ?? []).some((r) => Number(r[4]) > 0);
      return { state: failing ? 'warn' : 'pass', text: summary };
    });
}

export function qualityHtml(cells: ReportCell[]): string {
  const lines = qualityLines(cells);
  if (lines.length === 0) return '';
  const rows = lines.map(
    (l) => `<tr><td class="quality-${l.state.replace(' ', '-')}">${STATE_LABEL[l.state]}</td><td>${escape(l.text)}</td></tr>`,
  );
  return `<section class="cell quality">\n<h2>Data quality</h2>\n<table>\n<tr><th>State</th><th>Check</th></tr>\n${rows.join('\n')}\n</table>\n</section>`;
}

export function qualityMarkdown(cells: ReportCell[]): string {
  const lines = qualityLines(cells);
  if (lines.length === 0) return '';
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '## Data quality',
    '',
    '| State | Check |',
    '| --- | --- |',
    ...lines.map((l) => `| ${STATE_LABEL[l.state]} | ${cell(l.text)} |`),
  ].join('\n');
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
