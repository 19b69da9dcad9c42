/**
 * What the fuzz suite throws at the host: raw HTTP requests (paths, cookies, Host, Origin, any
 * header, bytes mutated from a valid request), WebSocket frame sequences (any opcode, reserved bits,
 * mask or none, bad UTF-8, lengths that lie) and protocol messages (random JSON, valid requests with
 * one field replaced). Each is an arbitrary built from the host's port and token.
 */
import fc from 'fast-check';
import { frame } from '../helpers/rawSockets';

const BROKEN_ESCAPES = ['%', '%E0%A4%A', '%ZZ', '%C3', '%ED%A0%80', '%00', '%2e%2e/', '%FF%FE', '%u0041'];

/** Text that is mostly harmless with escapes, quotes, separators and control bytes mixed in. */
const nasty = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...BROKEN_ESCAPES),
      fc.constantFrom(';', '=', '"', ',', ' ', '\t', '/', '..', '\\', '?', '#', '&', '\u00e9', '\u{1F600}', '\x7f', '\x01'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** Mostly what Node's parser lets through (no controls but tab): that is what reaches Silt's code. */
const headerValue = fc.oneof(
  { weight: 4, arbitrary: nasty.map((s) => s.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '')) },
  { weight: 1, arbitrary: nasty.map((s) => s.replace(/[\r\n]/g, '')) },
);

export function httpRequest(port: number, token: string): fc.Arbitrary<Buffer> {
  const tokenQuery = fc.constantFrom('', `?token=${token}`, `?token=${token}x`, '?token=', `?token=${BROKEN_ESCAPES[1]}`);
  const target = fc
    .tuple(
      fc.constantFrom('/', '/ws', '/rpc', '/index.html', '//', '', '*', 'http://evil.example/', '/../../etc/passwd'),
      nasty,
      tokenQuery,
    )
    .map(([prefix, rest, query]) => `${prefix}${encodeSome(rest)}${query}`);
  const host = fc.constantFrom(
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    `evil.example:${port}`,
    '127.0.0.1',
    `127.0.0.1:${port + 1}`,
    '',
  );
  const cookie = fc.oneof(
    nasty,
    nasty.map((v) => `silt_token=${v}`),
    fc.constant(`silt_token=${BROKEN_ESCAPES[1]}`),
    nasty.map((v) => `a=${v}; silt_token=${encodeURIComponent(token)}`),
  );
  const origin = fc.constantFrom(undefined, 'null', `http://127.0.0.1:${port}`, 'http://evil.example', `http://localhost:${port + 1}`);
  const extra = fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), headerValue), { maxLength: 4 });
  const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'BREW');
  const upgrade = fc.boolean();
  const request = fc.record({ method, target, host, cookie: fc.option(cookie), origin, extra, upgrade }).map((r) => {
    const lines = [`${r.method} ${r.target.replace(/[\r\n ]/g, '')} HTTP/1.1`];
    if (r.host) lines.push(`Host: ${r.host}`);
    if (r.cookie !== null) lines.push(`Cookie: ${r.cookie.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '')}`);
    if (r.origin) lines.push(`Origin: ${r.origin}`);
    if (r.upgrade)
      lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13');
    for (const [k, v] of r.extra) lines.push(`${k}: ${v}`);
    if (!r.upgrade) lines.push('Connection: close');
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  });
  return fc.oneof({ weight: 3, arbitrary: request }, { weight: 1, arbitrary: mutated(request) });
}

/**
 * Characters Node's own parser refuses (controls, spaces, non-ASCII) are percent-encoded, so the
 * request reaches Silt's code; the broken escapes in the text stay as they are. The byte-level
 * mutations still send Node the raw kind.
 */
function encodeSome(s: string): string {
  return [...s].map((c) => (/^[\x21-\x7e]$/.test(c) ? c : encodeURIComponent(c))).join('');
}

/** A byte-level mutation of a generated input: flip, insert or delete bytes at random places. */
export function mutated(base: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('flip', 'insert', 'delete'),
    byte: fc.integer({ min: 0, max: 255 }),
  });
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([buf, edits]) => {
    const bytes = [...buf];
    for (const e of edits) {
      const at = bytes.length ? e.at % bytes.length : 0;
      if (e.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ (1 << (e.byte % 8));
      else if (e.kind === 'insert') bytes.splice(at, 0, e.byte);
      else bytes.splice(at, 1);
    }
    return Buffer.from(bytes);
  });
}

const BAD_UTF8 = [
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xff]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
];

/** What a frame carries: random bytes, bad UTF-8, a valid request, or a valid request cut short. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...BAD_UTF8)).map(([s, bad]) => Buffer.concat([Buffer.from(s), bad])),
  fc.constant(Buffer.from(JSON.stringify({ kind: 'request', id: 1, type: 'hello', params: { protocolVersion: 1 } }))),
  fc.nat({ max: 40 }).map((n) => Buffer.from(JSON.stringify({ kind: 'request', id: 2, type: 'files.recent', params: {} }).slice(0, n))),
);

const oneFrame = fc
  .record({
    opcode: fc.oneof(fc.constantFrom(0, 1, 2, 8, 9, 10), fc.integer({ min: 0, max: 15 })),
    fin: fc.boolean(),
    rsv: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
    masked: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    lie: fc.option(fc.constantFrom(0n, 1n, 125n, 126n, 65535n, 65536n, 2n ** 31n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n), { freq: 6 }),
    payload,
  })
  .map((f) =>
    frame(f.opcode, f.payload, {
      fin: f.fin,
      rsv: f.rsv,
      mask: f.masked ? Buffer.from([9, 8, 7, 6]) : null,
      claimedLength: f.lie ?? undefined,
    }),
  );

/** One to four frames, sometimes mutated at the byte level, sometimes cut short. */
export const frameSequence: fc.Arbitrary<Buffer> = fc
  .tuple(fc.array(oneFrame, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.option(fc.nat({ max: 64 })))
  .chain(([frames, mutate, cut]) => {
    const bytes = Buffer.concat(frames);
    const cutShort = cut === null ? bytes : bytes.subarray(0, Math.max(1, bytes.length - cut));
    return mutate ? mutated(fc.constant(cutShort)) : fc.constant(cutShort);
  });

/** Requests that only read, or write inside the throwaway workspace; never spawn sessions or touch other paths. */
const SAFE_REQUESTS: { type: string; params: Record<string, unknown> }[] = [
  { type: 'hello', params: { protocolVersion: 1 } },
  { type: 'notebook.new', params: {} },
  { type: 'files.recent', params: {} },
  { type: 'files.list', params: {} },
  { type: 'files.forgetRecent', params: { path: 'missing.ipynb' } },
  { type: 'settings.network', params: {} },
  { type: 'settings.storage', params: {} },
  { type: 'settings.setStorage', params: { cacheMax: '20GB' } },
  { type: 'storage.emptyCache', params: {} },
  { type: 'notebook.open', params: { path: 'missing.ipynb' } },
  { type: 'notebook.discardRecovery', params: { key: 'fuzz' } },
  { type: 'notebook.autosave', params: { key: 'fuzz', notebook: { metadata: {}, cells: [] } } },
  {
    type: 'notebook.save',
    params: {
      path: 'fuzz.ipynb',
      notebook: {
        metadata: {},
        cells: [{ id: 'a', type: 'code', language: 'sql', source: 's', outputs: [], executionCount: null }],
      },
    },
  },
  { type: 'result.page', params: { sessionId: 'nope', handle: 'h', offset: 0, limit: 5 } },
  { type: 'session.interrupt', params: { sessionId: 'nope' } },
  { type: 'execute', params: { sessionId: 'nope', runId: 'r', cellId: 'c', language: 'sql', code: 'select 1' } },
];

/** Fields that name a file or spawn work: a mutation never touches them, so the fuzz stays in its sandbox. */
const PINNED = new Set(['path', 'key', 'type']);

/** Replace one value somewhere in a JSON tree (not a pinned field) with random JSON. */
function replaceSomewhere(value: unknown, pick: number, by: unknown): unknown {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (PINNED.has(k)) continue;
        slots.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  if (!slots.length) return copy;
  const slot = slots[pick % slots.length];
  (slot.parent as Record<string | number, unknown>)[slot.key] = by;
  return copy;
}

/** JSON that breaks String() and template literals: `{"toString": 0}` has no callable toString. */
const TRICKY = fc.constantFrom<unknown>({ toString: 0 }, { valueOf: 0, toString: 0 }, [{ toString: 0 }], { toJSON: 1 });

export interface FuzzMessage {
  text: string;
  /** The id the answer must carry, when the message has a usable one. */
  id: number | null;
}

export const message: fc.Arbitrary<FuzzMessage> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ text, id: null })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v), id: null })),
  fc
    .tuple(
      fc.constantFrom(...SAFE_REQUESTS),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.nat(),
      fc.oneof({ weight: 5, arbitrary: fc.jsonValue({ maxDepth: 2 }) }, { weight: 1, arbitrary: TRICKY }),
      fc.nat({ max: 3 }),
    )
    .map(([req, id, pick, by, how]) => {
      const msg = { kind: 'request', id, type: req.type, params: req.params };
      if (how === 0) return { text: JSON.stringify(msg), id };
      if (how === 1) return { text: JSON.stringify({ ...msg, params: replaceSomewhere(req.params, pick, by) }), id };
      if (how === 2) {
        const field = ['kind', 'id', 'params', 'type'][pick % 4];
        // A random string as `type` could name a request that spawns a session: only other values there.
        const value = field === 'type' && typeof by === 'string' ? { toString: 0 } : by;
        return { text: JSON.stringify({ ...msg, [field]: value }), id: null };
      }
      return { text: JSON.stringify(msg).slice(0, pick % 80), id: null };
    }),
);
