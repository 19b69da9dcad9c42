/** A request whose method nobody answers: refused with its own code, naming the method but never echoing what is not one. */
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../kernel/protocol';
import { shownMethod } from '../../../kernel/protocol/unknownMethod';

const refusal = (type: unknown) => {
  try {
    parseRequest(JSON.stringify({ kind: 'request', id: 7, type, params: {} }));
  } catch (e) {
    return e as { code: string; message: string; requestId?: number };
  }
  throw new Error('accepted');
};

describe('an unknown method', () => {
  it('is refused as unknown-method under its id, naming a method-shaped name', () => {
    expect(refusal('result.pages')).toMatchObject({
      code: 'unknown-method',
      requestId: 7,
      message:
        '"result.pages" is not a request known to the Silt host or its sessions; a window of another Silt version sends such requests: reload it.',
    });
    // Object's own members are no methods either.
    for (const name of ['constructor', '__proto__', 'toString']) expect(refusal(name).code).toBe('unknown-method');
  });

  it('never echoes a token, a huge string or a non-string', () => {
    const token = 'iDUpfJ2fay2s7dCYgRVZhkiIiGgsQS-8';
    expect(refusal(token).message).not.toContain(token);
    expect(refusal(token).message).toMatch(/^A request type of 32 characters that is not a method name is not a request known/);
    const huge = `result.${'x'.repeat(100_000)}`;
    expect(refusal(huge).message.length).toBeLessThan(200);
    expect(shownMethod(42)).toBe('a request type that is a number, not a string');
    expect(shownMethod(null)).toBe('a request type that is null, not a string');
  });
});
