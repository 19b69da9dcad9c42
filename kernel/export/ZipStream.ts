/**
 * A ZIP archive written front to back as a stream of bytes: each entry is deflated as it is
 * produced and its CRC and sizes follow it in a data descriptor, so no entry is ever held whole.
 * Enough of the format for .xlsx files (no ZIP64: entries and archive stay under 4 GiB).
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { ExportError } from './ExportError';

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
const DEFLATE = 8;
const LIMIT = 0xffff_ffff;

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipStream {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private readonly stamp = dosTime(new Date());

  /** The bytes of one entry whose content arrives in pieces. */
  async *entry(name: string, content: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const e: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset };
    yield this.out(this.localHeader(e));
    const deflate = createDeflateRaw({ level: 6 });
    const ready: Buffer[] = [];
    deflate.on('data', (b: Buffer) => ready.push(b));
    const take = () => {
      const bytes = ready.splice(0);
      for (const b of bytes) e.compressed += b.length;
      return bytes;
    };
    for await (const piece of content) {
      e.crc = crc32(piece, e.crc);
      e.size += piece.length;
      if (!deflate.write(piece)) await once(deflate, 'drain');
      for (const b of take()) yield this.out(b);
    }
    deflate.end();
    await once(deflate, 'end');
    for (const b of take()) yield this.out(b);
    if (e.size > LIMIT || e.compressed > LIMIT)
      throw new ExportError(`${name} is larger than 4 GiB; export CSV or Parquet instead.`, 'too-large');
    yield this.out(descriptor(e));
    this.entries.push(e);
  }

  /** A small entry given whole. */
  async *file(name: string, text: string): AsyncGenerator<Buffer> {
    const data = Buffer.from(text, 'utf8');
    const body = deflateRawSync(data);
    const e: Entry = { name: Buffer.from(name, 'utf8'), crc: crc32(data), compressed: body.length, size: data.length, offset: this.offset };
    yield this.out(this.localHeader(e));
    yield this.out(body);
    yield this.out(descriptor(e));
    this.entries.push(e);
  }

  /** The central directory; the archive is complete after it. */
  *finish(): Generator<Buffer> {
    const start = this.offset;
    for (const e of this.entries) yield this.out(this.centralHeader(e));
    if (this.offset > LIMIT) throw new ExportError('The workbook is larger than 4 GiB; export CSV or Parquet instead.', 'too-large');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    yield this.out(end);
  }

  private out(b: Buffer): Buffer {
    this.offset += b.length;
    return b;
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(FLAGS, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt16LE(e.name.length, 26);
    return Buffer.concat([h, e.name]);
  }

  private centralHeader(e: Entry): Buffer {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(FLAGS, 8);
    h.writeUInt16LE(DEFLATE, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    return Buffer.concat([h, e.name]);
  }
}

function descriptor(e: Entry): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(e.crc >>> 0, 4);
  d.writeUInt32LE(e.compressed, 8);
  d.writeUInt32LE(e.size, 12);
  return d;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
