// bench/attachments: what checking one intake attachment costs (strict base64, size, magic
// numbers, SHA-256 and the canonical re-encoding readAttachments does) beside, in the same run,
// the least any intake must do with it: JSON.parse of the body and decoding its base64.
// Usage: npm run bench:attachments [-- ROUNDS]
import { readAttachments } from '../src/attachments/read-attachments.js';
import { createTranslate } from '../src/i18n/translate.js';
import { gradientPng } from '../test/helpers/pictures.js';

const rounds = Number(process.argv[2] ?? 20);
const t = createTranslate('both');
const picture = gradientPng(320, 240);

function p50(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

console.log('size     | baseline: JSON.parse + base64 decode | readAttachments | ratio');
for (const size of [100 * 1024, 1024 * 1024, 5 * 1024 * 1024]) {
  // A real PNG, padded after its end to the size (readers ignore what follows IEND).
  const bytes = Buffer.concat([picture, Buffer.alloc(size - picture.length, 7)]);
  const body = JSON.stringify({ attachments: [{ name: 'photo.png', content_type: 'image/png', data_base64: bytes.toString('base64') }] });
  const base: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < rounds; round++) {
    base.push(await timed(() => Buffer.from((JSON.parse(body) as { attachments: { data_base64: string }[] }).attachments[0]!.data_base64, 'base64')));
    ours.push(await timed(async () => {
      const draft = JSON.parse(body) as { attachments: { name: string; content_type: string; data_base64: string }[] };
      const read = await readAttachments(draft.attachments, t);
      if (!read.ok) throw new Error(read.error);
    }));
  }
  const label = size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : `${size / 1024} KiB`;
  console.log(`${label.padEnd(8)} | ${p50(base).toFixed(2)} ms | ${p50(ours).toFixed(2)} ms | ${(p50(ours) / p50(base)).toFixed(2)}x`);
}
