/**
 * Just enough of a 2D canvas for Plot's continuous colour legends, which paint a 256×1 ramp pixel by
 * pixel and embed it as a PNG. jsdom has no canvas; without this shim `legend: true` on a sequential
 * colour scale throws in Node.
 */
import { crc32, deflateSync } from 'node:zlib';

interface ShimCanvas {
  width: number;
  height: number;
  getContext(kind: string): unknown;
  toDataURL(): string;
}

/** Installs the shim on a jsdom window's canvas prototype (that window only, never the global one). */
export function installCanvasShim(window: { HTMLCanvasElement: { prototype: object } }): void {
  const pixels = new WeakMap<object, Uint8Array>();
  const buffer = (c: ShimCanvas) => {
    let px = pixels.get(c);
    if (!px || px.length !== c.width * c.height * 4) pixels.set(c, (px = new Uint8Array(c.width * c.height * 4)));
    return px;
  };
  // fillRect reads fillStyle from its own `this` (the context), so the canvas comes in as an argument.
  const context2d = (canvas: ShimCanvas) => ({
    fillStyle: '#000',
    fillRect(x: number, y: number, w: number, h: number) {
      const rgba = parseColor(String(this.fillStyle));
      const px = buffer(canvas);
      for (let j = Math.max(0, Math.floor(y)); j < Math.min(canvas.height, Math.ceil(y + h)); j++) {
        for (let i = Math.max(0, Math.floor(x)); i < Math.min(canvas.width, Math.ceil(x + w)); i++)
          px.set(rgba, (j * canvas.width + i) * 4);
      }
    },
  });
  Object.defineProperties(window.HTMLCanvasElement.prototype, {
    getContext: {
      configurable: true,
      value(this: ShimCanvas, kind: string) {
        return kind === '2d' ? context2d(this) : null;
      },
    },
    toDataURL: {
      configurable: true,
      value(this: ShimCanvas) {
        return `data:image/png;base64,${encodePng(this.width, this.height, buffer(this)).toString('base64')}`;
      },
    },
  });
}

/** The CSS colours d3 interpolators produce: rgb(), rgba() and #rrggbb. */
function parseColor(css: string): [number, number, number, number] {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(css.trim());
  if (rgb) return [+rgb[1], +rgb[2], +rgb[3], rgb[4] === undefined ? 255 : Math.round(+rgb[4] * 255)];
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(255) as [number, number, number, number];
  return [0, 0, 0, 255];
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
