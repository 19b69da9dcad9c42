/**
 * Entry point of the worker thread that type checks TypeScript cells, so that loading the compiler
 * and checking never hold up the session's own thread (a cell run, a page of a result).
 */
import { parentPort } from 'node:worker_threads';
import { CellChecker } from './CellChecker';
import type { CheckRequest, CheckReply } from './checkMessages';

const checker = new CellChecker();

parentPort!.on('message', (m: CheckRequest) => {
  let reply: CheckReply;
  try {
    const result = m.kind === 'diagnostics' ? checker.diagnostics(m.cells) : checker.completions(m.cells, m.pos ?? m.cells.code.length);
    reply = { id: m.id, ok: true, result };
  } catch (e) {
    reply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
