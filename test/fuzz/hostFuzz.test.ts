/**
 * Property-based fuzzing of a real `silt serve` (from dist) over real sockets, plus the parsers it
 * leans on. Every case must end with the host answering `hello` on a fresh connection; a case where
 * it does not counts as a host crash, and the suite fails on the first. Bounded by time per part
 * (about 45 s in all); FUZZ_SEED=n replays a run, FUZZ_SCALE=k runs k times longer.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SiltError } from '../../common/SiltError';
import { parseCookies } from '../../kernel/host/parseCookies';
import { redactSecrets } from '../../kernel/host/redactSecrets';
import { parseRequestTarget } from '../../kernel/host/requestTarget';
import { parseIpynb } from '../../kernel/notebook/fromIpynb';
import { hostAnswers, postRpc } from '../helpers/hostAnswers';
import { closeFrames, rawHttp, rawWebSocket } from '../helpers/rawSockets';
import { startHost, type RunningHost } from '../helpers/startHost';
import { frameSequence, httpRequest, message, type FuzzMessage } from './hostInputs';
import { ipynbText } from './ipynbInputs';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const run = (ms: number, numRuns: number) => ({
  seed: SEED,
  numRuns: numRuns * SCALE,
  plugins: [fc.interruptAfterTimeLimit(ms * SCALE)],
});

const count = { http: 0, frames: 0, messages: 0, ipynb: 0, parsers: 0, crashes: 0 };
const seen = {
  status: new Map<string, number>(),
  close: new Map<string, number>(),
  errors: new Map<string, number>(),
};
const tally = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let host: RunningHost;
const started = Date.now();

async function alive(): Promise<boolean> {
  const ok = await hostAnswers(host);
  if (!ok) count.crashes++;
  return ok;
}

function expectPassed(details: fc.RunDetails<unknown>): void {
  expect(details.failed, fc.defaultReportMessage(details) ?? '').toBe(false);
}

beforeAll(async () => {
  host = await startHost();
});

afterAll(async () => {
  const total = count.http + count.frames + count.messages + count.ipynb + count.parsers;
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `Fuzz: ${total} cases in ${secs} s (HTTP requests ${count.http}, WebSocket frame sequences ${count.frames}, ` +
      `protocol messages ${count.messages}, .ipynb files ${count.ipynb}, cookie/path/redaction ${count.parsers}); ` +
      `host crashes: ${count.crashes}; seed ${SEED}`,
  );
  console.log(`Fuzz detail: HTTP ${fmt(seen.status)}; close codes ${fmt(seen.close)}; error codes ${fmt(seen.errors)}`);
  await host?.stop();
});

const fmt = (m: Map<string, number>) =>
  [...m]
    .sort()
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

describe('fuzzing the kernel host', () => {
  it('answers or refuses any HTTP request (path, cookies, Host, Origin, headers, bytes), never with 500', async () => {
    const details = await fc.check(
      fc.asyncProperty(httpRequest(host.port, host.token), async (bytes) => {
        count.http++;
        const answer = await rawHttp(host.port, bytes, 400);
        tally(seen.status, String(answer.status ?? 'none'));
        return answer.status !== 500 && (await alive());
      }),
      run(10_000, 5000),
    );
    expectPassed(details);
  });

  it('closes a socket on any bad frame sequence with a protocol close code, and stays up', async () => {
    const details = await fc.check(
      fc.asyncProperty(frameSequence, async (bytes) => {
        count.frames++;
        const ws = await rawWebSocket(host.port, host.token);
        ws.socket.write(bytes);
        const closed = await ws.closed(50);
        ws.socket.destroy();
        tally(seen.close, closed.timedOut ? 'open' : String(closed.code ?? 'none'));
        // A close frame, when sent, carries a code a client understands: normal, protocol, bad data,
        // too big, or the client's own code echoed back from a close it sent (RFC 6455, 5.5.1).
        const echoed = closeFrames(bytes).map((f) => f.code);
        const fair = closed.code === null || [1000, 1002, 1007, 1009, ...echoed].includes(closed.code);
        return fair && (await alive());
      }),
      run(10_000, 5000),
    );
    expectPassed(details);
  });

  it('answers every protocol message under its id, on the socket and by POST /rpc, never as internal', async () => {
    const socket = await Conversation.open(host);
    const details = await fc.check(
      fc.asyncProperty(message, fc.boolean(), async (m, overHttp) => {
        count.messages++;
        const answer = overHttp ? ((await postRpc(host, m.text)).json as Answer) : await socket.ask(m);
        if (!answer || typeof answer !== 'object') return false;
        if (m.id !== null && answer.id !== m.id) return false;
        if (!answer.ok) tally(seen.errors, answer.error.code);
        // `internal` means a bug in Silt: random input must be refused as bad-request (or not-found…).
        return (answer.ok || answer.error.code !== 'internal') && (await alive());
      }),
      run(10_000, 5000),
    );
    socket.close();
    expectPassed(details);
  });
});

describe('fuzzing the parsers the host leans on', () => {
  it('reads any .ipynb text as a notebook or refuses it with a SiltError (never a TypeError)', () => {
    const details = fc.check(
      fc.property(ipynbText, (text) => {
        count.ipynb++;
        try {
          parseIpynb(text, 'fuzz.ipynb');
          return true;
        } catch (e) {
          return e instanceof SiltError && e.code === 'corrupt';
        }
      }),
      run(4_000, 20_000),
    );
    expectPassed(details);
  });

  it('never throws on a cookie header or request target, finds the token next to junk, and redacts it', () => {
    const junk = fc.string({ unit: 'binary', maxLength: 40 });
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,32}$/);
    const details = fc.check(
      fc.property(junk, junk, token, (a, b, t) => {
        count.parsers++;
        const cookies = parseCookies(`${a}; silt_token=${encodeURIComponent(t)}; ${b}`);
        parseRequestTarget(a);
        parseRequestTarget(`/${a}`);
        const foundOrShadowed = cookies.get('silt_token') === t || /silt_token=/.test(a);
        return foundOrShadowed && !redactSecrets(`${a}${t}${b}`, t).includes(t);
      }),
      run(2_000, 10_000),
    );
    expectPassed(details);
  });
});

type Answer = { id: number; ok: true } | { id: number; ok: false; error: { code: string; message: string } };

/** One socket, one message at a time: the next response is the answer to the last message. */
class Conversation {
  private waiting: ((a: Answer | null) => void) | null = null;
  private constructor(private ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Answer & { kind: string };
      if (m.kind === 'response') this.waiting?.(m);
    });
    ws.on('close', () => this.waiting?.(null));
  }

  static async open(h: RunningHost): Promise<Conversation> {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    return new Conversation(ws);
  }

  ask(m: FuzzMessage): Promise<Answer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 5000);
      this.waiting = (a) => {
        clearTimeout(timer);
        this.waiting = null;
        resolve(a);
      };
      this.ws.send(m.text);
    });
  }

  close(): void {
    this.ws.close();
  }
}
