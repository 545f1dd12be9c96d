// Throughput of maskPersonalData over the pii cases in corpus/, repeated, against a baseline measured
// in the same run on the same texts: one trivial regex replace. The ratio is what to compare
// across machines. Trials alternate the two and keep each one's best, so a busy machine slows
// both alike instead of skewing the ratio. Usage: npx tsx bench/mask.ts [rounds] [trials]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { maskPersonalData } from '../src/privacy/mask.js';

const CASES_URL = new URL('../corpus/pii-cases.jsonl', import.meta.url);
const BASELINE = /\d{11}/g;
const WARM_UP_ROUNDS = 20;

const rounds = Number(process.argv[2] ?? 100);
const trials = Number(process.argv[3] ?? 7);
const texts = readFileSync(fileURLToPath(CASES_URL), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);

function textsPerSecond(run: (text: string) => unknown, times: number): number {
  let sink = 0; // keeps the work observable so it is not optimised away
  const started = process.hrtime.bigint();
  for (let r = 0; r < times; r++) {
    for (const text of texts) sink += (run(text) as { length?: number }).length ?? 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) console.log(sink);
  return (times * texts.length) / seconds;
}

const mask = (text: string) => maskPersonalData(text).masked;
const baseline = (text: string) => text.replace(BASELINE, '[PHONE]');
textsPerSecond(mask, WARM_UP_ROUNDS);
textsPerSecond(baseline, WARM_UP_ROUNDS);
let maskRate = 0;
let baselineRate = 0;
for (let t = 0; t < trials; t++) {
  maskRate = Math.max(maskRate, textsPerSecond(mask, rounds));
  baselineRate = Math.max(baselineRate, textsPerSecond(baseline, rounds));
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`texts: ${texts.length} × ${rounds} rounds, best of ${trials} trials`);
console.log(`maskPersonalData: ${format(maskRate)} texts/s`);
console.log(`baseline (one regex replace): ${format(baselineRate)} texts/s`);
console.log(`ratio: mask runs at ${(maskRate / baselineRate).toFixed(2)}× the baseline (${(baselineRate / maskRate).toFixed(1)}× slower)`);
