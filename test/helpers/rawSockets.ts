/**
 * Raw TCP to a running host: HTTP requests written byte for byte (any Host, Cookie or path, even
 * ones fetch refuses to send), and WebSocket frames written after a real upgrade (any opcode, mask,
 * length or payload, even ones a WebSocket client refuses to send).
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The HTTP status, or null when the host closed without answering. */
  status: number | null;
  text: string;
}

/** Writes `request` as is and reads until the host closes the connection (or `timeoutMs`). */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d) => {
      chunks.push(d);
      // One answer is all we want: stop at the end of a head without a body, or of a short body.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const len = /content-length: (\d+)/i.exec(text.slice(0, head));
      if (head >= 0 && (!len || text.length - head - 4 >= Number(len[1]))) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

/** A GET with the given headers (a Host for this port unless one is given). */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const all = { Host: `127.0.0.1:${port}`, ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return rawHttp(port, `GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
}

/** The handshake a WebSocket client sends, with extra or replaced headers. */
export function upgradeRequest(port: number, target: string, headers: Record<string, string> = {}): string {
  const all = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  return `GET ${target} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
}

export interface RawWebSocket {
  socket: Socket;
  /** Bytes the host sent after its 101 answer. */
  received(): Buffer;
  /** Resolves when the host closes the TCP connection, with the code of its close frame if it sent one. */
  closed(timeoutMs?: number): Promise<{ code: number | null; reason: string; timedOut: boolean }>;
}

/** A real upgrade on /ws with the token, then the socket for raw frames. */
export function rawWebSocket(port: number, token: string): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let upgraded = false;
    let after = Buffer.alloc(0);
    let isClosed = false;
    const closeWaiters: (() => void)[] = [];
    socket.on('error', () => undefined); // resets after a close frame are expected
    socket.on('close', () => {
      isClosed = true;
      for (const w of closeWaiters) w();
      if (!upgraded) reject(new Error(`upgrade refused: ${buf.toString('latin1').split('\r\n')[0]}`));
    });
    socket.on('data', (d) => {
      if (upgraded) return void (after = Buffer.concat([after, d]));
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!buf.toString('latin1').startsWith('HTTP/1.1 101')) return socket.destroy();
      upgraded = true;
      after = buf.subarray(end + 4);
      resolve({
        socket,
        received: () => after,
        closed: (timeoutMs = 5000) =>
          new Promise((res) => {
            const finish = (timedOut: boolean) => res({ ...closeFrame(after), timedOut });
            if (isClosed) return finish(false);
            const timer = setTimeout(() => finish(true), timeoutMs);
            closeWaiters.push(() => {
              clearTimeout(timer);
              finish(false);
            });
          }),
      });
    });
    socket.write(upgradeRequest(port, `/ws?token=${token}`));
  });
}

export interface FrameOptions {
  fin?: boolean;
  /** The three reserved bits, 0–7. */
  rsv?: number;
  /** A 4-byte key, or null for an unmasked frame (clients must mask; the host must refuse it). */
  mask?: Buffer | null;
  /** Claim this payload length in the header instead of the real one. */
  claimedLength?: bigint;
}

export function frame(opcode: number, payload: Buffer, o: FrameOptions = {}): Buffer {
  const mask = o.mask === undefined ? Buffer.from([1, 2, 3, 4]) : o.mask;
  const length = o.claimedLength ?? BigInt(payload.length);
  const head = [((o.fin ?? true) ? 0x80 : 0) | (((o.rsv ?? 0) & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length & 0xffffffffffffffffn);
  }
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] ^= mask[i % 4];
  return Buffer.concat([Buffer.from(head), ext, mask ?? Buffer.alloc(0), body]);
}

/** The code and reason of the first close frame (opcode 8) in what the host sent. */
function closeFrame(bytes: Buffer): { code: number | null; reason: string } {
  return closeFrames(bytes)[0] ?? { code: null, reason: '' };
}

/**
 * The close frames (code and reason) in a run of frames, masked or not, up to the first frame cut
 * short. The fuzz test reads what the client sent with it: a host may echo a client's own close code.
 */
export function closeFrames(bytes: Buffer): { code: number | null; reason: string }[] {
  const found: { code: number | null; reason: string }[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at] & 0x0f;
    const masked = (bytes[at + 1] & 0x80) !== 0;
    let len = bytes[at + 1] & 0x7f;
    let start = at + 2;
    if (len === 126) {
      if (start + 2 > bytes.length) break;
      len = bytes.readUInt16BE(start);
      start += 2;
    } else if (len === 127) {
      if (start + 8 > bytes.length) break;
      const big = bytes.readBigUInt64BE(start);
      if (big > BigInt(bytes.length)) break;
      len = Number(big);
      start += 8;
    }
    const mask = masked ? bytes.subarray(start, start + 4) : null;
    if (mask) start += 4;
    if (start + len > bytes.length) break;
    if (opcode === 8) {
      const payload = Buffer.from(bytes.subarray(start, start + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      found.push({
        code: payload.length >= 2 ? payload.readUInt16BE(0) : null,
        reason: payload.subarray(2).toString('utf8'),
      });
    }
    at = start + len;
  }
  return found;
}
