// `npm run bench:classify [-- DATA.jsonl]`: 5-fold cross-validated accuracy of the training
// procedure (the same trainModel as `npm run train`) and single-core throughput of the shipped
// model, against two baselines measured in the same run: normalising the text only, and a
// trivial keyword lookup.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossValidate } from '../src/classify/cross-validate.js';
import { parseLabelledJsonl } from '../src/classify/dataset.js';
import { formatReport } from '../src/classify/evaluate.js';
import { normalizeText } from '../src/classify/normalize.js';
import { classifyOffline } from '../src/classify/offline.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const dataPath = resolve(REPO_ROOT, process.argv[2] ?? 'corpus/feedback-labelled.jsonl');
const examples = parseLabelledJsonl(readFileSync(dataPath, 'utf8'));
const texts = examples.map((e) => e.text);

console.log(`Labelled examples: ${examples.length} (${dataPath})\n`);
const started = performance.now();
const reports = crossValidate(examples, 5, 42);
console.log(`5-fold cross-validation (deterministic shuffle, seed 42) in ${((performance.now() - started) / 1000).toFixed(1)}s`);
for (const r of reports) console.log(`  ${r.field.padEnd(10)} ${(r.accuracy * 100).toFixed(1)}%`);
console.log('');
for (const r of reports) console.log(formatReport(r) + '\n');

const KEYWORDS = ['退款', 'refund', '快递', 'delivery', '客服', 'rude', '价格', 'price', '登录', 'login'];
const throughput = {
  'normalise only': measure(texts, (t) => normalizeText(t).length),
  'keyword lookup': measure(texts, (t) => KEYWORDS.findIndex((k) => normalizeText(t).includes(k))),
  'classifyOffline': measure(texts, (t) => classifyOffline(t).score),
};
console.log('Throughput, one core (texts/s; median of 5 runs over the labelled texts):');
for (const [name, rate] of Object.entries(throughput)) console.log(`  ${name.padEnd(16)} ${Math.round(rate).toLocaleString('en')}`);
const ratio = throughput.classifyOffline / throughput['keyword lookup'];
console.log(`  classifyOffline runs at ${(ratio * 100).toFixed(0)}% of the keyword-lookup baseline's speed`);

/** Median texts/s over 5 timed passes after one warm-up pass; `sink` keeps the work alive. */
function measure(items: readonly string[], work: (text: string) => number): number {
  let sink = 0;
  const pass = () => {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 400) for (const text of items) (sink += work(text)), n++;
    return n / ((performance.now() - t0) / 1000);
  };
  pass();
  const rates = Array.from({ length: 5 }, pass).sort((a, b) => a - b);
  if (Number.isNaN(sink)) console.log('');
  return rates[2];
}
