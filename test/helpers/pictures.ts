// Real, small pictures for tests, made here: a PNG of a colour gradient (zlib and CRC-32 from
// Node), and the first bytes of other formats, enough for their magic numbers.
import { crc32, deflateSync } from 'node:zlib';

/** A w×h RGB PNG: a gradient from `from` to `to`, left to right, with a darker band across the middle. */
export function gradientPng(w = 240, h = 160, from = [32, 120, 220], to = [250, 180, 40]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    const band = Math.abs(y - h / 2) < h / 10 ? 0.6 : 1;
    for (let x = 0; x < w; x++) {
      const f = x / Math.max(1, w - 1);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round((from[c]! * (1 - f) + to[c]! * f) * band);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** The start of a JPEG (SOI and a JFIF APP0 segment): what file type detection reads. */
export const JPEG_START = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');

/** An attachment as intake takes it. */
export function attachment(name: string, contentType: string, bytes: Buffer) {
  return { name, content_type: contentType, data_base64: bytes.toString('base64') };
}
