// `npm run bench:classify`: what the offline classifier gets right on text it did not train on,
// beside a naive-Bayes baseline trained on the same split in the same run, and how fast it is.
//  1. Grouped 5-fold cross-validation on the labelled set (near-paraphrases kept in one fold),
//     trained as `npm run train` trains: the other folds plus every real review.
//  2. Real reviews, strict polarity (neutral counts as wrong): in-domain (a held-out fifth of each
//     domain, the rest in training) and cross-domain (the domain left out of training).
//  3. Calibration: stated probability against observed accuracy on held-out calls.
//  4. Start-up load and single-core throughput of the shipped model, with baselines.
//  5. The ten most confident mistakes.
// About 2½ minutes on a quiet machine: it trains twelve models (five folds, one in-domain, one per domain left out).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitCalibration, reliability, calibratedProbability, type CalibrationSample } from '../src/classify/calibration.js';
import { EVAL_FIELDS, groupedFolds } from '../src/classify/cross-validate.js';
import { parseLabelledJsonl } from '../src/classify/dataset.js';
import { classifyWithMargin } from '../src/classify/decide.js';
import { fieldReport, formatReport } from '../src/classify/evaluate.js';
import { hasHan } from '../src/classify/features.js';
import type { OfflineModel } from '../src/classify/linear-model.js';
import { deserializeModel } from '../src/classify/model-file.js';
import { predictNaiveBayes, trainNaiveBayes } from '../src/classify/naive-bayes.js';
import { MODEL_URL } from '../src/classify/offline.js';
import { loadReviews, type Review } from '../src/classify/real-reviews.js';
import { crossDomainSplit, inDomainSplit, reviewDomains } from '../src/classify/review-splits.js';
import { trainModel } from '../src/classify/train.js';
import { printThroughput } from './throughput.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const dataPath = resolve(REPO_ROOT, process.argv[2] ?? 'corpus/feedback-labelled.jsonl');
const examples = parseLabelledJsonl(readFileSync(dataPath, 'utf8'));
const reviews = loadReviews();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const nbOf = (train: readonly { text: string; sentiment: string }[]) => trainNaiveBayes(train.map((r) => ({ text: r.text, label: r.sentiment })));

interface Mistake { text: string; gold: string; predicted: string; score: number; where: string }
const mistakes: Mistake[] = [];
const heldOutCalls: CalibrationSample[] = [];

function polarityCall(model: OfflineModel, text: string, gold: string, where: string): boolean {
  const c = classifyWithMargin(model, text);
  if (c.sentiment !== 'neutral' && gold !== 'neutral') {
    heldOutCalls.push({ margin: c.sentiment === 'positive' ? c.margin : -c.margin, correct: c.sentiment === gold });
  }
  if (c.sentiment !== gold) mistakes.push({ text, gold, predicted: c.sentiment, score: c.score, where });
  return c.sentiment === gold;
}

console.log(`Labelled texts: ${examples.length}; real reviews: ${reviews.length} (${reviewDomains(reviews).join(', ')})\n`);

// 1. Grouped cross-validation.
let started = performance.now();
const pairs: Record<string, { gold: string; predicted: string }[]> = { kind: [], topic: [], sentiment: [], priority: [] };
let nbSentimentRight = 0;
const byScript = { Chinese: { n: 0, right: 0 }, English: { n: 0, right: 0 } };
const folds = groupedFolds(examples, 5, 42);
for (const { train, test } of folds) {
  const model = trainModel(train, {}, reviews);
  const nb = nbOf([...train, ...reviews]);
  for (const e of test) {
    const c = classifyWithMargin(model, e.text);
    for (const field of EVAL_FIELDS) pairs[field].push({ gold: e[field], predicted: String(c[field]) });
    const script = byScript[hasHan(e.text) ? 'Chinese' : 'English'];
    script.n++;
    if (c.sentiment === e.sentiment) script.right++;
    polarityCall(model, e.text, e.sentiment, 'labelled');
    if (predictNaiveBayes(nb, e.text) === e.sentiment) nbSentimentRight++;
  }
}
const reports = EVAL_FIELDS.map((f) => fieldReport(f, pairs[f]));
console.log(`1. Grouped 5-fold cross-validation on the labelled set (${new Set(folds.flatMap((f) => f.test)).size} texts; each fold trained with all real reviews) in ${((performance.now() - started) / 1000).toFixed(0)}s`);
for (const r of reports) console.log(`  ${r.field.padEnd(10)} ${pct(r.accuracy)}`);
console.log(`  sentiment by script: ${Object.entries(byScript).map(([name, x]) => `${name} ${pct(x.right / x.n)} of ${x.n}`).join(', ')}`);
console.log(`  sentiment, naive Bayes on the same folds: ${pct(nbSentimentRight / examples.length)}\n`);
for (const r of reports) console.log(formatReport(r) + '\n');

// 2. Real reviews.
started = performance.now();
console.log('2. Real reviews, strict polarity (positive/negative; a neutral answer is wrong)');
console.log(`  ${'domain'.padEnd(14)} ${'split'.padEnd(13)} ${'reviews'.padStart(7)} ${'model'.padStart(7)} ${'naive Bayes'.padStart(12)}`);
const inDomain = inDomainSplit(reviews);
const inModel = trainModel(examples, {}, inDomain.train);
const inNb = nbOf(inDomain.train);
const reviewRows: string[] = [];
for (const domain of reviewDomains(reviews)) {
  const test = inDomain.test.filter((r) => r.domain === domain);
  reviewRows.push(reviewLine(domain, 'in-domain', test, inModel, inNb));
}
for (const domain of reviewDomains(reviews)) {
  const split = crossDomainSplit(reviews, domain);
  reviewRows.push(reviewLine(domain, 'cross-domain', split.test, trainModel(examples, {}, split.train), nbOf(split.train)));
}
console.log(reviewRows.join('\n'));
console.log(`  (in ${((performance.now() - started) / 1000).toFixed(0)}s; both trained on the same reviews, the model also on the labelled set)\n`);

function reviewLine(domain: string, split: string, test: readonly Review[], model: OfflineModel, nb: ReturnType<typeof nbOf>): string {
  let right = 0;
  let nbRight = 0;
  const confusion: Record<string, number> = {};
  for (const r of test) {
    if (polarityCall(model, r.text, r.sentiment, `${domain} ${split}`)) right++;
    if (predictNaiveBayes(nb, r.text) === r.sentiment) nbRight++;
  }
  for (const r of test) {
    const key = `${r.sentiment}→${classifyWithMargin(model, r.text).sentiment}`;
    confusion[key] = (confusion[key] ?? 0) + 1;
  }
  const table = Object.entries(confusion).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  return `  ${domain.padEnd(14)} ${split.padEnd(13)} ${String(test.length).padStart(7)} ${pct(right / test.length).padStart(7)} ${pct(nbRight / test.length).padStart(12)}   ${table}`;
}

// 3. Calibration: fitted on every other held-out call, checked on the rest.
const fitHalf = heldOutCalls.filter((_, i) => i % 2 === 0);
const checkHalf = heldOutCalls.filter((_, i) => i % 2 === 1);
const fitted = fitCalibration(fitHalf);
const shipped = deserializeModel(readFileSync(MODEL_URL)).calibration;
console.log(`3. Calibration of the score (|score| = stated probability that the polarity is right)`);
console.log(`  fitted on ${fitHalf.length} held-out calls (a=${fitted.a.toFixed(2)}, b=${fitted.b.toFixed(2)}; the shipped file has a=${shipped.a.toFixed(2)}, b=${shipped.b.toFixed(2)}), checked on the other ${checkHalf.length}:`);
const check = reliability(checkHalf.map((s) => ({ probability: calibratedProbability(fitted, s.margin), correct: s.correct })));
for (const b of check.bins) {
  if (b.count) console.log(`  stated ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.count).padStart(5)} calls, mean stated ${pct(b.stated)}, observed ${pct(b.observed)}`);
}
console.log(`  expected calibration error: ${(check.ece * 100).toFixed(1)} points`);
const withShipped = reliability(heldOutCalls.map((s) => ({ probability: calibratedProbability(shipped, s.margin), correct: s.correct })));
console.log(`  the shipped file's calibration on all ${heldOutCalls.length} calls: ${(withShipped.ece * 100).toFixed(1)} points (it was fitted on another split, from models trained on different folds)\n`);

// 4. Load and throughput.
const fileBytes = statSync(MODEL_URL).size;
const loadMs = median(Array.from({ length: 5 }, () => timeMs(() => deserializeModel(readFileSync(MODEL_URL)).width)));
const readMs = median(Array.from({ length: 5 }, () => timeMs(() => readFileSync(MODEL_URL).length)));
console.log(`4. Model file ${(fileBytes / 1024 / 1024).toFixed(1)} MiB; start-up load ${loadMs.toFixed(0)} ms (median of 5; reading the file alone: ${readMs.toFixed(0)} ms)`);
printThroughput([...examples.map((e) => e.text), ...reviews.slice(0, 2000).map((r) => r.text)]);

// 5. The ten most confident mistakes.
console.log('5. The ten most confident sentiment mistakes on held-out text');
for (const m of mistakes.sort((a, b) => Math.abs(b.score) - Math.abs(a.score)).slice(0, 10)) {
  console.log(`  [${m.where}] gold ${m.gold}, said ${m.predicted} (score ${m.score}): ${m.text.length > 90 ? m.text.slice(0, 90) + '…' : m.text}`);
}

function timeMs(work: () => number): number {
  const t0 = performance.now();
  if (work() < 0) console.log('');
  return performance.now() - t0;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
