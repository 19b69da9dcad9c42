import { describe, expect, it } from 'vitest';
import type { Output } from '../../../kernel/protocol';
import { StreamBatcher } from '../../../kernel/session/StreamBatcher';

const out = (text: string, name: 'stdout' | 'stderr' = 'stdout'): Output => ({ kind: 'stream', name, text });

describe('run outputs on their way to the window', () => {
  it('50,000 printed lines travel as a few events of about 64 KB, text intact and in order', () => {
    const sent: Output[] = [];
    const b = new StreamBatcher((o) => sent.push(o));
    let all = '';
    for (let i = 0; i < 50_000; i++) {
      b.push(out(`line ${i}\n`));
      all += `line ${i}\n`;
    }
    b.flush();
    expect(sent.length).toBeLessThan(20);
    expect(sent.map((o) => (o as { text: string }).text).join('')).toBe(all);
  });

  it('sends gathered text before a table, an error or a switch to stderr, so the order is kept', () => {
    const sent: Output[] = [];
    const b = new StreamBatcher((o) => sent.push(o));
    const error: Output = { kind: 'error', ename: 'TypeError', message: 'x', traceback: [] };
    b.push(out('a'));
    b.push(out('b'));
    b.push(out('warn', 'stderr'));
    b.push(error);
    b.push(out('c'));
    b.flush();
    expect(sent).toEqual([out('ab'), out('warn', 'stderr'), error, out('c')]);
  });

  it("a slow cell's line shows within a frame or two, without waiting for more", async () => {
    const sent: Output[] = [];
    const b = new StreamBatcher((o) => sent.push(o), { maxChars: 1000, delayMs: 16 });
    b.push(out('tick\n'));
    expect(sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual([out('tick\n')]);
    b.flush();
    expect(sent).toHaveLength(1);
  });
});

describe('one huge write', () => {
  it('travels in pieces of at most 64 KB that join back to the text, never splitting an emoji', () => {
    const sent: Output[] = [];
    const b = new StreamBatcher((o) => sent.push(o));
    const text = '😀'.repeat(100_000) + 'x'.repeat(100_001);
    b.push(out(text));
    b.flush();
    const pieces = sent.map((o) => (o as { text: string }).text);
    expect(pieces.length).toBeGreaterThan(4);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});
