// Multinomial logistic regression over hashed features: one weight row per bucket and label.
import { FEATURE_BUCKETS } from './features.js';

export const HEADS = ['kind', 'topic', 'sentiment', 'priority'] as const;
export type HeadName = (typeof HEADS)[number];

export interface LinearHead {
  labels: readonly string[];
  /** weights[bucket * labels.length + label]; a dense array so scoring is a plain index. */
  weights: Float32Array;
}

export type OfflineModel = Record<HeadName, LinearHead>;

export function emptyHead(labels: readonly string[]): LinearHead {
  return { labels, weights: new Float32Array(FEATURE_BUCKETS * labels.length) };
}

/** Label probabilities of one head; training uses the same feature scaling (FEATURE_VALUE). */
export function predictHead(head: LinearHead, features: readonly number[]): Float64Array {
  const width = head.labels.length;
  const scores = new Float64Array(width);
  for (const f of features) {
    const row = f * width;
    for (let c = 0; c < width; c++) scores[c] += head.weights[row + c];
  }
  for (let c = 0; c < width; c++) scores[c] *= FEATURE_VALUE;
  return softmaxInPlace(scores);
}

/**
 * Every feature occurrence has this value. A constant beat 1/sqrt(length) normalisation in
 * cross-validation: long complaints are not weaker for being long.
 */
export const FEATURE_VALUE = 0.1;

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < scores.length; i++) scores[i] /= sum;
  return scores;
}
