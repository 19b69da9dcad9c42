import { describe, expect, it } from 'vitest';
import * as s from '../../../common/schema';

const cell = s.object({
  id: s.string(),
  language: s.oneOf(['sql', 'typescript']),
  name: s.optional(s.string()),
  tags: s.optional(s.array(s.string())),
});

describe('schemas', () => {
  it('accept a value of the declared shape, with optional fields absent or null', () => {
    expect(cell.problem({ id: 'a', language: 'sql' }, '')).toBeUndefined();
    expect(cell.problem({ id: 'a', language: 'sql', name: null, extra: 1 }, '')).toBeUndefined();
  });

  it('name the field that is missing or of the wrong type, nested fields by their path', () => {
    expect(cell.problem({ language: 'sql' }, '')).toBe('missing id');
    expect(cell.problem({ id: 7, language: 'sql' }, '')).toBe('id must be a string');
    expect(cell.problem({ id: 'a', language: 'sql', tags: ['x', 2] }, '')).toBe('tags[1] must be a string');
    expect(s.object({ cell }).problem({ cell: { id: 'a' } }, '')).toBe('missing cell.language');
  });

  it('refuse a value outside an enum, listing the choices', () => {
    expect(cell.problem({ id: 'a', language: 'python' }, '')).toBe('language must be "sql" or "typescript"');
    const format = s.oneOf(['html', 'md', 'pdf'], 'report format');
    expect(format.problem('docx', 'format')).toBe('Unknown report format "docx"; use one of html, md, pdf');
    expect(s.oneOf(['a', 'b', 'c']).problem('d', 'x')).toBe('x must be one of "a", "b", "c"');
  });

  it('refuse numbers that are not finite, not whole or out of bounds', () => {
    expect(s.number().problem(Number.NaN, 'n')).toBe('n must be a number');
    expect(s.number().problem('3', 'n')).toBe('n must be a number');
    expect(s.number({ int: true }).problem(1.5, 'n')).toBe('n must be an integer');
    expect(s.number({ min: 0, max: 10 }).problem(11, 'n')).toBe('n must be between 0 and 10');
    expect(s.number({ min: 0 }).problem(-1, 'n')).toBe('n must be ≥ 0');
  });

  it('check every value of a record and every option of a union', () => {
    expect(s.record(s.array(s.string())).problem({ a: ['x'], b: 'y' }, 'refs')).toBe('refs.b must be an array');
    const source = s.union([s.object({ handle: s.string() }), s.object({ table: s.string() })], 'a handle or a table');
    expect(source.problem({ table: 't' }, 'source')).toBeUndefined();
    expect(source.problem({ file: 'f' }, 'source')).toBe('source must be a handle or a table');
  });

  it('apply a rule across fields after the fields themselves pass', () => {
    const range = s.refine(s.object({ lo: s.number(), hi: s.number() }), (r) => r.lo <= r.hi, 'lo must not exceed hi');
    expect(range.problem({ lo: 1 }, '')).toBe('missing hi');
    expect(range.problem({ lo: 2, hi: 1 }, '')).toBe('lo must not exceed hi');
  });
});
