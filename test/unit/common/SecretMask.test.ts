import { describe, expect, it } from 'vitest';
import { SECRET_MASK, SecretMask } from '../../../common/SecretMask';

describe('SecretMask', () => {
  const secret = 'p@ss "word"/with+odd&chars';
  const mask = new SecretMask();
  mask.add(secret);
  mask.add('abc'); // too short to be taken for a secret

  it('masks a secret as written, in a URL and inside JSON text', () => {
    expect(mask.text(`it was ${secret}.`)).toBe(`it was ${SECRET_MASK}.`);
    expect(mask.text(`http://h/x?token=${encodeURIComponent(secret)}`)).toBe(`http://h/x?token=${SECRET_MASK}`);
    expect(JSON.parse(mask.text(JSON.stringify({ m: `a ${secret} b` })))).toEqual({ m: `a ${SECRET_MASK} b` });
    expect(mask.text('abc stays')).toBe('abc stays');
  });

  it('walks a message, copying only what held a secret, keys included', () => {
    const clean = { rows: [['a', 1, null]], bytes: new Uint8Array([1]) };
    expect(mask.value(clean)).toBe(clean);
    const dirty = { ok: true, result: { rows: [['x', `${secret}!`]], map: { [secret]: 1 } } };
    const out = mask.value(dirty);
    expect(out).toEqual({ ok: true, result: { rows: [['x', `${SECRET_MASK}!`]], map: { [SECRET_MASK]: 1 } } });
    expect(dirty.result.rows[0][1]).toBe(`${secret}!`);
  });

  it('tells listeners of each new secret once', () => {
    const heard: string[] = [];
    const m = new SecretMask();
    m.onAdd((s) => heard.push(s));
    m.add('first-secret');
    m.add('first-secret');
    m.add('x');
    expect(heard).toEqual(['first-secret']);
  });
});
