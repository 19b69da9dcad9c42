/** chart.export: real files on disk, PNG through resvg, atomic writes and clear errors. */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChart } from '../../../kernel/charts/exportChart';
import { renderPlot } from '../../../kernel/charts/renderPlot';
import { specToPlot } from '../../../kernel/charts/specToPlot';
import { validateSpec } from '../../../kernel/charts/chartSpec';
import { SALES_COLUMNS, salesRows } from '../../unit/charts/salesFixture';

let dir: string;
let svg: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'silt-chart-export-'));
  svg = renderPlot(specToPlot(validateSpec({ mark: 'bar', x: 'region', y: 'amount', title: 'Amount' }, SALES_COLUMNS), salesRows()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Width, height and RGBA pixels of an 8-bit RGBA PNG (what resvg writes). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  // Undo the per-row filters (PNG spec §9).
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      pixels[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  return { width, height, pixels };
}

const pixel = (img: ReturnType<typeof decodePng>, x: number, y: number) => [
  ...img.pixels.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4),
];

describe('chart.export', () => {
  it('writes a PNG of the requested pixel size, drawn (not blank), with the theme background', () => {
    const r = exportChart({ svg, format: 'png', path: join(dir, 'amount'), width: 800, scale: 2 });
    expect(r.path).toBe(join(dir, 'amount.png'));
    const png = readFileSync(r.path);
    expect(r.bytes).toBe(png.length);
    const img = decodePng(png);
    // The chart with its title is 660 × 444 CSS px; 800 px wide at scale 2 is 1600 × 1076 pixels.
    expect(svg).toMatch(/^<svg [^>]*width="660" height="444"/);
    expect([img.width, img.height]).toEqual([1600, 1076]);
    expect(pixel(img, 2, 2)).toEqual([255, 255, 255, 255]);
    const barBlue = [0x42, 0x69, 0xd0, 255];
    const colours = new Set<string>();
    let blue = 0;
    for (let i = 0; i < img.pixels.length; i += 4) {
      const px = [...img.pixels.subarray(i, i + 4)];
      colours.add(px.join());
      if (px.join() === barBlue.join()) blue++;
    }
    expect(blue / (img.width * img.height)).toBeGreaterThan(0.2);
    expect(colours.size).toBeGreaterThan(20);

    const dark = decodePng(readFileSync(exportChart({ svg, format: 'png', path: join(dir, 'dark.png'), theme: 'dark' }).path));
    expect([dark.width, dark.height]).toEqual([660, 444]);
    expect(pixel(dark, 2, 2)).toEqual([0x1e, 0x22, 0x27, 255]);
  });

  it('writes an SVG at the requested width, keeping the aspect ratio and the drawing', () => {
    const r = exportChart({ svg, format: 'svg', path: join(dir, 'chart.svg'), width: 330 });
    const text = readFileSync(r.path, 'utf8');
    expect(text).toMatch(/^<svg [^>]*width="330" height="222" viewBox="0 0 660 444"/);
    expect(text.slice(text.indexOf('>'))).toBe(svg.slice(svg.indexOf('>')));
  });

  it('refuses a read-only folder with a clear error and leaves no file behind', () => {
    const ro = join(dir, 'locked');
    mkdirSync(ro);
    // Root ignores permission bits; an immutable folder stops even root.
    const root = process.getuid?.() === 0;
    if (root) execFileSync('chattr', ['+i', ro]);
    else chmodSync(ro, 0o555);
    try {
      expect(() => exportChart({ svg, format: 'png', path: join(ro, 'chart.png') })).toThrow(
        `Cannot write ${join(ro, 'chart.png')}: the folder ${ro} is read-only or not yours to write in.`,
      );
    } finally {
      if (root) execFileSync('chattr', ['-i', ro]);
      else chmodSync(ro, 0o755);
    }
    expect(readdirSync(ro)).toEqual([]);
  });

  it('replaces an existing file whole, and refuses bad sizes before writing anything', () => {
    const path = join(dir, 'again.svg');
    exportChart({ svg, format: 'svg', path, width: 100 });
    exportChart({ svg, format: 'svg', path, width: 200 });
    expect(readFileSync(path, 'utf8')).toMatch(/^<svg [^>]*width="200"/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => exportChart({ svg, format: 'png', path: join(dir, 'huge.png'), scale: 50 })).toThrow(
      'scale must be above 0 and at most 8',
    );
    expect(existsSync(join(dir, 'huge.png'))).toBe(false);
  });
});
