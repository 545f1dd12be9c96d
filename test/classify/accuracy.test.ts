// Accuracy floors of the training procedure on text the model did not train on. The benchmark
// (npm run bench:classify) prints the full figures; these floors sit a little under what the
// procedure reaches on these splits, so a change that makes the model worse fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseLabelledJsonl, seededShuffle } from '../../src/classify/dataset.js';
import { classifyWithModel } from '../../src/classify/decide.js';
import { fieldReport } from '../../src/classify/evaluate.js';
import { evaluateSplit, groupedFolds } from '../../src/classify/cross-validate.js';
import { loadReviews } from '../../src/classify/real-reviews.js';
import { inDomainSplit } from '../../src/classify/review-splits.js';
import { trainModel } from '../../src/classify/train.js';

// The labelled set copied into the repository (corpus/README.md says where it came from).
const DATA = fileURLToPath(new URL('../../corpus/feedback-labelled.jsonl', import.meta.url));
const examples = parseLabelledJsonl(readFileSync(DATA, 'utf8'));

// This grouped fold, labelled set only (no reviews, to keep the test quick), measured kind 90.8%,
// topic 92.6%, sentiment 91.7%, priority 92.2%.
const FLOORS = { kind: 0.9, topic: 0.88, sentiment: 0.9, priority: 0.9 } as const;

describe('accuracy on text the model did not train on', () => {
  test('labelled set: one fold of a grouped split, near-paraphrases never on both sides', () => {
    const { train, test: heldOut } = groupedFolds(examples, 5, 2024)[0];
    const pairs = evaluateSplit(train, heldOut);
    for (const field of Object.keys(FLOORS) as (keyof typeof FLOORS)[]) {
      const report = fieldReport(field, pairs[field]);
      expect(report.accuracy, `${field} accuracy`).toBeGreaterThanOrEqual(FLOORS[field]);
    }
  });

  test('real reviews of a domain it trained on: training on reviews lifts strict polarity well above the labelled set alone', () => {
    // A fifth of the reviews keeps the test to seconds; the benchmark uses them all and prints
    // the naive-Bayes baseline beside it. Measured 86.0% against 78.7% for the labelled set alone
    // (the sample holds English review sentences too; the labelled-only model was at 74.3% before
    // the opinion words' clear lean started to outvote the heads).
    const split = inDomainSplit(loadReviews());
    const train = seededShuffle(split.train, 5).slice(0, 4000);
    const heldOut = seededShuffle(split.test, 5).slice(0, 1000);
    const polarity = (model: ReturnType<typeof trainModel>) =>
      heldOut.filter((r) => classifyWithModel(model, r.text).sentiment === r.sentiment).length / heldOut.length;
    const withReviews = polarity(trainModel(examples, {}, train));
    const labelledOnly = polarity(trainModel(examples));
    console.log(`polarity on 1000 held-out reviews: ${(withReviews * 100).toFixed(1)}% (labelled set alone: ${(labelledOnly * 100).toFixed(1)}%)`);
    expect(withReviews).toBeGreaterThanOrEqual(0.84);
    expect(withReviews - labelledOnly).toBeGreaterThanOrEqual(0.06);
  }, 120_000);
});
