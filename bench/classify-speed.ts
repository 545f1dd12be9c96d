// bench/classify-speed: the classifier's start-up load and single-core throughput alone, in
// seconds rather than bench/classify's minutes of cross-validation. Usage: npm run bench:classify-speed
import { readFileSync } from 'node:fs';
import { parseLabelledJsonl } from '../src/classify/dataset.js';
import { deserializeModel } from '../src/classify/model-file.js';
import { MODEL_URL } from '../src/classify/offline.js';
import { loadReviews } from '../src/classify/real-reviews.js';
import { printThroughput } from './throughput.js';

const examples = parseLabelledJsonl(readFileSync(new URL('../corpus/feedback-labelled.jsonl', import.meta.url), 'utf8'));
const t0 = performance.now();
const width = deserializeModel(readFileSync(MODEL_URL)).width;
console.log(`model load ${(performance.now() - t0).toFixed(0)} ms (width ${width}); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
printThroughput([...examples.map((e) => e.text), ...loadReviews().slice(0, 2000).map((r) => r.text)]);
