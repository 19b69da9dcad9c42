import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../common/prettyJson';

describe('prettyJson (JSON outputs in the window and in reports)', () => {
  it('indents objects and arrays by two spaces', () => {
    expect(prettyJson('{"a":1,"b":[true,null]}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
  });

  it('keeps unicode and escaped quotes readable', () => {
    expect(prettyJson('{"städt":"say \\"hi\\""}')).toBe('{\n  "städt": "say \\"hi\\""\n}');
  });

  it('shows text that is not JSON unchanged', () => {
    expect(prettyJson('{not json')).toBe('{not json');
    expect(prettyJson('')).toBe('');
  });

  it('shows a bare value as JSON writes it', () => {
    expect(prettyJson(' 42 ')).toBe('42');
    expect(prettyJson('"text"')).toBe('"text"');
  });
});
