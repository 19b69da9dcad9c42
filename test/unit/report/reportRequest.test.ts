import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../kernel/protocol';

const request = (params: Record<string, unknown>) => JSON.stringify({ kind: 'request', id: 1, type: 'report.export', params });

describe('report.export on the wire', () => {
  it('is a host request the validator knows', () => {
    const m = parseRequest(request({ notebook: { cells: [], metadata: {} }, format: 'pdf', path: 'a.pdf', hideCode: true }));
    expect(m.type).toBe('report.export');
  });

  it('refuses a request without a path, a notebook that is not an object, or a non-boolean hideCode', () => {
    expect(() => parseRequest(request({ notebook: { cells: [] }, format: 'html' }))).toThrow('report.export: missing path');
    expect(() => parseRequest(request({ notebook: 'x', format: 'html', path: 'a' }))).toThrow('report.export: notebook must be a object');
    expect(() => parseRequest(request({ notebook: {}, format: 'html', path: 'a', hideCode: 'yes' }))).toThrow(
      'report.export: hideCode must be a boolean',
    );
  });
});
