// The familiarity gate: a review of a domain the polarity head never saw is read by its opinion
// words, a review of a trained domain by the head as before.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseLabelledJsonl, seededShuffle } from '../../src/classify/dataset.js';
import { classifyWithModel } from '../../src/classify/decide.js';
import { familiarity, fitFamiliarity, OPEN_GATE, trustInHead } from '../../src/classify/familiarity.js';
import { deserializeModel, serializeModel } from '../../src/classify/model-file.js';
import { loadReviews, type Review } from '../../src/classify/real-reviews.js';
import { inDomainSplit } from '../../src/classify/review-splits.js';
import { trainModel } from '../../src/classify/train.js';
import type { OfflineModel } from '../../src/classify/linear-model.js';

const DATA = fileURLToPath(new URL('../../corpus/feedback-labelled.jsonl', import.meta.url));

describe('fitFamiliarity', () => {
  test('marks the buckets seen in training and gates below what the training texts know of each other', () => {
    const texts = [
      [1, 2, 3, 4],
      [1, 2, 3, 5],
      [1, 2, 4, 5],
      [1, 3, 4, 9],
    ];
    const { seen, gate } = fitFamiliarity(texts);
    expect(familiarity(seen, [1, 2, 3, 4])).toBe(1);
    expect(familiarity(seen, [1, 2, 100, 200])).toBe(0.5);
    // Leave-one-out: bucket 9 occurs in one text only, so that text knows 3 of its 4 features.
    expect(gate).toEqual({ from: 0.75, to: 0.75 });
    expect(trustInHead({ from: 0.6, to: 0.8 }, 0.9)).toBe(1);
    expect(trustInHead({ from: 0.6, to: 0.8 }, 0.7)).toBeCloseTo(0.5);
    expect(trustInHead({ from: 0.6, to: 0.8 }, 0.5)).toBe(0);
    expect(trustInHead(OPEN_GATE, 0)).toBe(1);
  });
});

describe('a review domain the model never trained on', () => {
  test('hotel reviews read by a food-delivery model: the gate lifts strict polarity and costs at most a point on food', () => {
    const examples = parseLabelledJsonl(readFileSync(DATA, 'utf8'));
    const split = inDomainSplit(loadReviews());
    const food = seededShuffle(split.train.filter((r) => r.domain === 'food-delivery'), 5).slice(0, 4000);
    const hotelTest = seededShuffle(split.test.filter((r) => r.domain === 'hotel'), 5).slice(0, 600);
    const foodTest = seededShuffle(split.test.filter((r) => r.domain === 'food-delivery'), 5).slice(0, 600);
    const gated = trainModel(examples, {}, food);
    const open: OfflineModel = { ...gated, gate: OPEN_GATE };
    const strict = (model: OfflineModel, reviews: readonly Review[]) =>
      reviews.filter((r) => classifyWithModel(model, r.text).sentiment === r.sentiment).length / reviews.length;
    const hotel = { gated: strict(gated, hotelTest), open: strict(open, hotelTest) };
    const meal = { gated: strict(gated, foodTest), open: strict(open, foodTest) };
    console.log(`hotel (unseen) ${(hotel.gated * 100).toFixed(1)}% vs ${(hotel.open * 100).toFixed(1)}% ungated; food ${(meal.gated * 100).toFixed(1)}% vs ${(meal.open * 100).toFixed(1)}%`);
    // Measured 76.7% against 72.8% ungated (74.0% against 65.3% before a clear lean of the
    // opinion words outvoted the heads everywhere, which already rescues part of these).
    expect(hotel.gated - hotel.open).toBeGreaterThanOrEqual(0.03);
    // A few reviews of the trained domain are unfamiliar too, and the lexicon is weaker there
    // (measured 87.2% against 87.7% ungated on these 600).
    expect(meal.gated).toBeGreaterThanOrEqual(meal.open - 0.01);

    // The file keeps what the gate needs.
    const reloaded = deserializeModel(serializeModel(gated, {}));
    expect(reloaded.gate).toEqual(gated.gate);
    expect(Buffer.from(reloaded.seen).equals(Buffer.from(gated.seen))).toBe(true);
  }, 120_000);
});
