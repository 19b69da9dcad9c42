/**
 * A request body read as it streams in, up to `limit` bytes. Past the limit the rest is read and
 * dropped rather than cut off: a browser that is still uploading when the socket closes reports a
 * network failure, not our 413, and the user would never learn the notebook was too big.
 */
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { SiltError } from '../../common/SiltError';
import { asTooLarge } from './asTooLarge';

/** Beyond this much dropped input the sender is not a window saving a notebook: hang up. */
const DRAIN_MAX = 1024 * 1024 * 1024;

export const mib = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MiB`;

/**
 * The body as UTF-8 text. Chunks are decoded as they arrive and then dropped, so a big save holds
 * its text once, not the bytes, a joined copy of the bytes and the text at the same time.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const tooLarge = () => new SiltError('too-large', `The request is ${mib(size)}, over the ${mib(limit)} the kernel accepts at once.`);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void parts.push(decoder.write(chunk));
      parts.length = 0;
      if (size > limit + DRAIN_MAX) {
        settle(() => reject(tooLarge()));
        req.destroy();
      }
    });
    req.on('end', () =>
      settle(() => {
        if (size > limit) return reject(tooLarge());
        try {
          resolve(parts.join('') + decoder.end());
        } catch (e) {
          reject(asTooLarge(e)); // over V8's string limit, if a caller set a limit above it
        }
      }),
    );
    req.on('error', (e) => settle(() => reject(new SiltError('io', `The request was cut off (${e.message}).`))));
    req.on('close', () => settle(() => reject(new SiltError('io', 'The request was cut off before its end.'))));
  });
}
