// Single-core throughput of the shipped classifier beside baselines over the same texts, shared by
// bench/classify.ts (after its accuracy figures) and bench/classify-speed.ts (on its own, quickly).
import { normalizeText } from '../src/classify/normalize.js';
import { classifyOffline } from '../src/classify/offline.js';

const KEYWORDS = ['退款', 'refund', '快递', 'delivery', '客服', 'rude', '价格', 'price', '登录', 'login'];

/** texts/s of normalising, of a ten-keyword lookup, and of classifyOffline; then the ratio line. */
export function printThroughput(texts: readonly string[]): void {
  const throughput = {
    'normalise only': measure(texts, (t) => normalizeText(t).length),
    'keyword lookup': measure(texts, (t) => KEYWORDS.findIndex((k) => normalizeText(t).includes(k))),
    classifyOffline: measure(texts, (t) => classifyOffline(t).score),
  };
  console.log(`  throughput, one core (texts/s, median of 5 runs over ${texts.length} labelled texts and reviews):`);
  for (const [name, rate] of Object.entries(throughput)) console.log(`    ${name.padEnd(16)} ${Math.round(rate).toLocaleString('en')}`);
  console.log(`    classifyOffline runs at ${((throughput.classifyOffline / throughput['keyword lookup']) * 100).toFixed(0)}% of the keyword-lookup baseline's speed\n`);
}

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
  return rates[2]!;
}
