/**
 * The order in which the TypeScript checker takes requests: one at a time, a completion before queued
 * diagnostics, identical diagnostics checked once, and an editor's obsolete diagnostics not checked.
 * The checker here is a stand-in that answers when the test says so, so each step is observable.
 */
import { describe, expect, it } from 'vitest';
import { CheckQueue, type CheckJob } from '../../../kernel/session/ts/CheckQueue';

/** A checker that records what it was asked and answers `answer <code>` when `finish()` is called. */
function checker() {
  const asked: string[] = [];
  const open: { resolve(v: string): void; reject(e: Error): void; code: string }[] = [];
  const queue = new CheckQueue<string>(
    (job) =>
      new Promise<string>((resolve, reject) => {
        asked.push(`${job.kind === 'completions' ? 'c' : 'd'}:${job.cells.code}`);
        open.push({ resolve, reject, code: job.cells.code });
      }),
  );
  /** Answers the running request and lets the queue start the next. */
  const finish = async (fail = false) => {
    expect(open).toHaveLength(1);
    const run = open.shift()!;
    if (fail) run.reject(new Error(`broke on ${run.code}`));
    else run.resolve(`answer ${run.code}`);
    // The queue starts the next request once the answer has settled.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const drain = async () => {
    while (open.length) await finish();
  };
  return { queue, asked, open, finish, drain };
}

const diag = (code: string, editor?: string, before: string[] = []): CheckJob => ({
  kind: 'diagnostics',
  cells: { before, code, ambient: 'declare const sql: unknown;' },
  editor,
});
const compl = (code: string): CheckJob => ({ kind: 'completions', cells: { before: [], code, ambient: '' }, pos: code.length });

/** Settles every promise, recording the order: `code` for an answer, `code!code-of-error` for a rejection. */
function settleOrder(named: Record<string, Promise<string>>) {
  const order: string[] = [];
  for (const [name, p] of Object.entries(named))
    p.then(
      (v) => order.push(`${name}=${v}`),
      (e: { code?: string }) => order.push(`${name}!${e.code ?? 'error'}`),
    );
  return order;
}

describe('CheckQueue', () => {
  it('gives the checker one request at a time, in order among diagnostics', async () => {
    const c = checker();
    const order = settleOrder({ a: c.queue.push(diag('a')), b: c.queue.push(diag('b')), d: c.queue.push(diag('d')) });
    expect(c.asked).toEqual(['d:a']);
    expect(c.queue.waiting).toBe(2);
    await c.drain();
    expect(c.asked).toEqual(['d:a', 'd:b', 'd:d']);
    expect(order).toEqual(['a=answer a', 'b=answer b', 'd=answer d']);
  });

  it('puts a completion before every queued diagnostics request, after the one running', async () => {
    const c = checker();
    const named: Record<string, Promise<string>> = {};
    for (let i = 1; i <= 5; i++) named[`d${i}`] = c.queue.push(diag(`x${i}`));
    named.c1 = c.queue.push(compl('obj.'));
    named.c2 = c.queue.push(compl('other.'));
    const order = settleOrder(named);
    await c.drain();
    expect(c.asked).toEqual(['d:x1', 'c:obj.', 'c:other.', 'd:x2', 'd:x3', 'd:x4', 'd:x5']);
    expect(order.slice(0, 3)).toEqual(['d1=answer x1', 'c1=answer obj.', 'c2=answer other.']);
  });

  it('checks identical diagnostics once, queued or running, and gives each caller that answer', async () => {
    const c = checker();
    const running = c.queue.push(diag('same'));
    const more = Array.from({ length: 9 }, () => c.queue.push(diag('same')));
    const queued = [c.queue.push(diag('later')), c.queue.push(diag('later')), c.queue.push(diag('later'))];
    expect(c.queue.waiting).toBe(1);
    await c.drain();
    expect(c.asked).toEqual(['d:same', 'd:later']);
    expect(await Promise.all([running, ...more])).toEqual(Array(10).fill('answer same'));
    expect(await Promise.all(queued)).toEqual(Array(3).fill('answer later'));
  });

  it('checks again when the earlier cells or the realm declarations differ', async () => {
    const c = checker();
    c.queue.push(diag('x', undefined, ['const a = 1;']));
    c.queue.push(diag('x', undefined, ['const a = "1";']));
    c.queue.push({ ...diag('x', undefined, ['const a = "1";']), cells: { before: ['const a = "1";'], code: 'x', ambient: '' } });
    await c.drain();
    expect(c.asked).toEqual(['d:x', 'd:x', 'd:x']);
  });

  it("does not check an editor's queued diagnostics that its newer request made obsolete", async () => {
    const c = checker();
    const order = settleOrder({
      v1: c.queue.push(diag('v1', 'cell-a')),
      v2: c.queue.push(diag('v2', 'cell-a')),
      other: c.queue.push(diag('o1', 'cell-b')),
      v3: c.queue.push(diag('v3', 'cell-a')),
      v4: c.queue.push(diag('v4', 'cell-a')),
    });
    await c.drain();
    // v1 was already running; v2 and v3 were never checked; cell-b's request is untouched.
    expect(c.asked).toEqual(['d:v1', 'd:o1', 'd:v4']);
    expect(order).toEqual(['v2!cancelled', 'v3!cancelled', 'v1=answer v1', 'other=answer o1', 'v4=answer v4']);
  });

  it('answers an obsolete request with the newer one when the code is the same (only earlier cells changed)', async () => {
    const c = checker();
    c.queue.push(diag('busy'));
    const old = c.queue.push(diag('total * 2', 'cell-a', ['const total = 1;']));
    const newer = c.queue.push(diag('total * 2', 'cell-a', ['const total = 2;']));
    await c.drain();
    expect(c.asked).toEqual(['d:busy', 'd:total * 2']);
    expect(await old).toBe('answer total * 2');
    expect(await newer).toBe('answer total * 2');
  });

  it('still checks an obsolete request that another caller waits for', async () => {
    const c = checker();
    c.queue.push(diag('busy'));
    // A run's type warning (no editor) asks for the same check as the editor.
    const fromEditor = c.queue.push(diag('v1', 'cell-a'));
    const fromRun = c.queue.push(diag('v1'));
    c.queue.push(diag('v2', 'cell-a'));
    await c.drain();
    expect(c.asked).toEqual(['d:busy', 'd:v1', 'd:v2']);
    expect(await fromRun).toBe('answer v1');
    expect(await fromEditor).toBe('answer v1');
  });

  it('a failed check fails only its callers, and the next request still runs', async () => {
    const c = checker();
    const broken = c.queue.push(diag('bad'));
    const next = c.queue.push(compl('ok.'));
    await c.finish(true);
    await expect(broken).rejects.toThrow('broke on bad');
    await c.drain();
    expect(await next).toBe('answer ok.');
  });

  it('a checker that throws before answering fails that request only', async () => {
    let calls = 0;
    const queue = new CheckQueue<string>(async (job: CheckJob) => {
      if (calls++ === 0) throw new Error('no checker');
      return job.cells.code;
    });
    const first = queue.push(diag('a'));
    const second = queue.push(diag('b'));
    await expect(first).rejects.toThrow('no checker');
    expect(await second).toBe('b');
  });

  it('when the checker goes away, the waiting requests fail and are never checked', async () => {
    const c = checker();
    const running = c.queue.push(diag('busy'));
    const waiting = [c.queue.push(diag('x')), c.queue.push(compl('y.'))];
    c.queue.dropWaiting(new Error('checker stopped'));
    for (const w of waiting) await expect(w).rejects.toThrow('checker stopped');
    await c.drain();
    expect(await running).toBe('answer busy');
    expect(c.asked).toEqual(['d:busy']);
  });

  it("puts a run's check before queued diagnostics, taking an identical queued editor check to the front with it", async () => {
    const c = checker();
    const running = c.queue.push(diag('busy', 'e0'));
    const edits = ['x', 'y', 'same'].map((code, i) => c.queue.push(diag(code, `e${i + 1}`)));
    const run = c.queue.push({ ...diag('same'), forRun: true });
    const other = c.queue.push({ ...diag('other'), forRun: true });
    await c.drain();
    expect(c.asked).toEqual(['d:busy', 'd:same', 'd:other', 'd:x', 'd:y']);
    // The editor that asked for the same code gets the same answer, checked once.
    expect(await run).toBe('answer same');
    expect(await edits[2]).toBe('answer same');
    expect(await other).toBe('answer other');
    expect(await running).toBe('answer busy');
  });
});
