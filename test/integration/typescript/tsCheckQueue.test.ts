/**
 * The TypeScript checker's queue with the real checker: a completion the user waits for is answered
 * before a pile of queued diagnostics (every editor's linter at notebook open or after a theme
 * toggle), identical diagnostics are checked once, and an editor's obsolete checks are not computed.
 * A real session on its real worker thread, and the same on this thread when there is no worker file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workerScript } from '../../../kernel/automl/workerScript';
import type { CellDiagnostic } from '../../../kernel/protocol/typescript';
import { CellTypes } from '../../../kernel/session/ts/CellTypes';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  // The worker is real: the checker's own entry point, bundled as the build bundles it.
  expect(await workerScript('session/ts/tsCheckWorker')).toMatch(/tsCheckWorker/);
  s = await inProcessSession('silt-tsqueue-');
  await s.session.types.warm();
}, 60_000);
afterAll(async () => {
  await s?.session.types.close();
  await s?.close();
});

/** A cell with one type error at line `i + 1` (the message names the value, so each answer is its own). */
const wrongAt = (i: number) => `${'\n'.repeat(i)}const v${i}: number = "text ${i}";`;

const messages = (found: CellDiagnostic[]) => found.map((d) => [d.line, d.code, d.message]);

describe('the checker queue on the real worker', () => {
  it('answers a completion before the last of 15 queued diagnostics, with the members of the declared object', async () => {
    const types = s.session.types;
    const order: string[] = [];
    const checks = Array.from({ length: 15 }, (_, i) =>
      types.diagnostics([], wrongAt(i)).then((found) => {
        order.push(`d${i}`);
        return found;
      }),
    );
    const code = 'const point = { east: 3, north: 4, label: "home" };\npoint.';
    const completion = types.completions([], code, code.length).then((found) => {
      order.push('completion');
      return found;
    });
    const [found, diagnostics] = await Promise.all([completion, Promise.all(checks)]);
    expect(found.member).toBe(true);
    expect(found.options.map((o) => o.label).sort()).toEqual(['east', 'label', 'north']);
    // The completion waits at most for the one check that was running when it came.
    expect(order.indexOf('completion')).toBeLessThan(order.indexOf('d14'));
    expect(order.indexOf('completion')).toBeLessThanOrEqual(1);
    // Every diagnostics request still got its own cell's error.
    diagnostics.forEach((d, i) => expect(messages(d)).toEqual([[i + 1, 2322, `Type 'string' is not assignable to type 'number'.`]]));
  });

  it("answers a Run's own check of its cell before the editors' 15 queued checks, and the run shows its type error", async () => {
    const types = s.session.types;
    const order: string[] = [];
    // The run's check is the session's own call; it is seen (not replaced) to know when it answered.
    const ask = types.diagnostics.bind(types);
    const seen = vi.spyOn(types, 'diagnostics').mockImplementation((before, code, editor, opts) => {
      const answer = ask(before, code, editor, opts);
      if (opts?.forRun) void answer.then(() => order.push('run'));
      return answer;
    });
    try {
      // Every editor's linter at once (a notebook opening), each editor its own cell.
      const checks = Array.from({ length: 15 }, (_, i) => types.diagnostics([], wrongAt(i), `editor-${i}`).then(() => order.push(`d${i}`)));
      const run = await s.exec('typescript', 'const late: number = "not a number";\nlate');
      await Promise.all(checks);
      // It waits at most for the one check that was running when it came.
      expect(order.indexOf('run')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('run')).toBeLessThanOrEqual(1);
      // …so the run's result carries the cell's type error, above its value.
      expect(run.status).toBe('ok');
      expect(run.outputs[0]).toMatchObject({ kind: 'stream', name: 'stderr' });
      expect((run.outputs[0] as { text: string }).text).toContain(
        `line 1, col 7: Type 'string' is not assignable to type 'number'. (TS2322)`,
      );
    } finally {
      seen.mockRestore();
    }
  });

  it('checks 10 identical diagnostics requests once and gives each the same answer', async () => {
    const types = s.session.types;
    const before = ['const rate = 0.2;'];
    const code = 'const r: string = rate;';
    const checked = types.checked.diagnostics;
    const answers = await Promise.all(Array.from({ length: 10 }, () => types.diagnostics(before, code)));
    expect(types.checked.diagnostics - checked).toBe(1);
    for (const a of answers) expect(a).toBe(answers[0]);
    expect(messages(answers[0])).toEqual([[1, 2322, `Type 'number' is not assignable to type 'string'.`]]);
  });

  it("does not check an editor's queued requests that its newer request made obsolete", async () => {
    const types = s.session.types;
    const checked = types.checked.diagnostics;
    // Another editor's check is running while the user types four more characters in cell-a.
    const busy = types.diagnostics([], wrongAt(3), 'cell-b');
    const typed = ['total', 'total.', 'total.to', 'total.toF'].map((code) =>
      types.diagnostics(['let total = 42;'], code, 'cell-a').then(
        (found) => ({ code, found }),
        (e: { code?: string }) => ({ code, error: e.code }),
      ),
    );
    const results = await Promise.all([busy, ...typed]);
    const [, ...edits] = results as [CellDiagnostic[], ...{ code: string; found?: CellDiagnostic[]; error?: string }[]];
    // The first edit may already be running; the ones in between are cancelled, never checked.
    expect(edits.slice(1, 3).map((e) => e.error)).toEqual(['cancelled', 'cancelled']);
    expect(edits[3].found!.map((d) => d.code)).toEqual([2339]);
    expect(edits[3].found![0].message).toMatch(/Property 'toF' does not exist on type 'number'/);
    // Checked: the busy one, the last edit, and the first edit only if it had started before the second came.
    expect(types.checked.diagnostics - checked).toBe(2 + (edits[0].found ? 1 : 0));
  });
});

describe('without a worker file, on this thread', () => {
  let types: CellTypes;
  beforeAll(() => {
    types = new CellTypes(
      async () => 'declare function display(value: unknown): void;',
      async () => null,
    );
  });

  it('answers diagnostics and completions, identical checks once', async () => {
    const code = 'const point = { east: 3, north: 4 };\nconst n: string = point.east;\npoint.';
    const [answers, found] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => types.diagnostics([], code))),
      types.completions([], code, code.length),
    ]);
    expect(types.checked).toEqual({ diagnostics: 1, completions: 1 });
    for (const a of answers) expect(a).toBe(answers[0]);
    // Syntax errors come first, as the compiler reports them.
    expect(messages(answers[0]).map(([line, c]) => [line, c])).toEqual([
      [3, 1003],
      [2, 2322],
    ]);
    expect(found.options.map((o) => o.label).sort()).toEqual(['east', 'north']);
  }, 30_000);
});
