import { describe, expect, it } from 'vitest';
import { parseRequest, ProtocolError } from '../../../kernel/protocol';

const msg = (o: unknown) => JSON.stringify(o);
const req = (type: string, params: unknown) => msg({ kind: 'request', id: 1, type, params });

describe('parseRequest', () => {
  it('takes an optional field sent as null for one left out, so no handler answers as if null meant something', () => {
    const r = parseRequest(msg({ kind: 'request', id: 4, type: 'session.open', params: { key: 'k', resume: null } }));
    expect(r.params).toEqual({ key: 'k' });
  });

  it('quotes a refused value only in part, so an answer never echoes a huge string back', () => {
    const huge = 'x'.repeat(100_000);
    const run = () => parseRequest(msg({ kind: 'request', id: 5, type: 'report.export', params: { format: huge, path: 'a' } }));
    expect(run).toThrow(/Unknown report format "x{50,60}…; use one of/);
    expect(() => run()).toThrow(expect.objectContaining({ message: expect.not.stringContaining(huge) }));
  });

  it('accepts a well-formed execute request', () => {
    const r = parseRequest(
      msg({
        kind: 'request',
        id: 3,
        type: 'execute',
        params: { sessionId: 's', runId: 'r', cellId: 'c', language: 'sql', code: 'select 1' },
      }),
    );
    expect(r.type).toBe('execute');
    expect(r.params).toMatchObject({ code: 'select 1' });
  });

  it.each([
    ['not JSON', '{nope', /not JSON/],
    [
      'an unknown type',
      msg({ kind: 'request', id: 1, type: 'rm -rf', params: {} }),
      /is not a request known to the Silt host or its sessions/,
    ],
    ['a missing field', msg({ kind: 'request', id: 1, type: 'execute', params: { sessionId: 's' } }), /missing runId/],
    [
      'a wrong field type',
      msg({ kind: 'request', id: 1, type: 'result.page', params: { sessionId: 's', handle: 'h', offset: '0', limit: 10 } }),
      /offset must be a number/,
    ],
    [
      'an unknown language',
      msg({ kind: 'request', id: 1, type: 'execute', params: { sessionId: 's', runId: 'r', cellId: 'c', language: 'python', code: '' } }),
      /language must be/,
    ],
    [
      'a huge page',
      msg({ kind: 'request', id: 1, type: 'result.page', params: { sessionId: 's', handle: 'h', offset: 0, limit: 1e9 } }),
      /limit between/,
    ],
    ['a non-integer id', msg({ kind: 'request', id: 'x', type: 'hello', params: { protocolVersion: 1 } }), /id must be an integer/],
    [
      'an unknown report format',
      req('report.export', { notebook: { cells: [], metadata: {} }, format: 'docx', path: 'x' }),
      /Unknown report format "docx"/,
    ],
    [
      'an unknown chart mark',
      req('chart.render', { sessionId: 's', handle: 'h', spec: { mark: 'pie', x: 'a' } }),
      /Unknown chart mark "pie"/,
    ],
    [
      'an unknown export format',
      req('data.export', { sessionId: 's', handle: 'h', format: 'xml', path: 'x', exportId: 'e' }),
      /Unknown export format "xml"/,
    ],
    [
      'an unknown publish mode',
      req('data.publish', { sessionId: 's', handle: 'h', name: 'n', mode: 'merge' }),
      /mode must be "append" or "replace"/,
    ],
    [
      'a live cell in another language',
      req('live.refs', { sessionId: 's', cells: [{ id: 'c', language: 'r', code: '' }] }),
      /cells\[0\]\.language must be/,
    ],
    [
      'an AutoML source that names nothing',
      req('automl.start', { sessionId: 's', source: {}, target: 't', budgetSeconds: 5 }),
      /source must be a object: a result/,
    ],
  ])('refuses %s with a message naming the problem', (_name, text, pattern) => {
    expect(() => parseRequest(text)).toThrow(ProtocolError);
    expect(() => parseRequest(text)).toThrow(pattern);
  });
});
