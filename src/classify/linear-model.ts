// Multinomial logistic regression over hashed features, one softmax head per label field (and polarity).
// The heads share one weight table with a row per bucket holding every head's weights side by
// side: scoring a text then touches one cache line or two per feature instead of one per head,
// which is most of the classifier's speed.
import { OPEN_GATE, type FamiliarityGate, type SeenBuckets } from './familiarity.js';
import { FEATURE_BUCKETS } from './features.js';

/**
 * One head per labelled field, plus `polarity` (positive / negative): trained on the labelled
 * texts that have a feeling and on the real reviews, which carry polarity only. Keeping it apart
 * lets the reviews teach opinion words without teaching the other heads that every text has one.
 * `genre` (feedback / review) tells a message to the desk from a review that rates a stay or a
 * meal overall: decide.ts reads the first by LABELS.md (a mixed text is a complaint) and the
 * second by its overall verdict, as its author rated it.
 */
export const HEADS = ['kind', 'topic', 'sentiment', 'priority', 'polarity', 'genre'] as const;
export type HeadName = (typeof HEADS)[number];

export interface HeadLayout {
  labels: readonly string[];
  /** First column of this head within a row. */
  offset: number;
}

export interface OfflineModel {
  heads: Record<HeadName, HeadLayout>;
  /** Columns per row: the total number of labels over all heads. */
  width: number;
  /**
   * weights[bucket * width + column] × weightScale. Training uses floats (scale 1); the shipped
   * model keeps the file's 16-bit integers as they are, so loading it is one read, no conversion.
   */
  weights: Float32Array | Int16Array;
  weightScale: number;
  /** Maps the raw polarity margin to the probability that the polarity is right (see calibration.ts). */
  calibration: Calibration;
  /** The feature buckets the polarity head trained on, and when to trust it (see familiarity.ts). */
  seen: SeenBuckets;
  gate: FamiliarityGate;
}

/** P(polarity right) = sigmoid(a * margin + b), fitted on held-out predictions. */
export interface Calibration {
  a: number;
  b: number;
}

/** Before fitting: the margin itself, squeezed into (0.5, 1). */
export const UNCALIBRATED: Calibration = { a: 4, b: 0 };

/**
 * Every feature occurrence has this value. A constant beat 1/sqrt(length) normalisation in
 * cross-validation: long complaints are not weaker for being long.
 */
export const FEATURE_VALUE = 0.1;

/** Where each head's columns sit in a row. */
export function headLayout(labels: Record<HeadName, readonly string[]>): { heads: Record<HeadName, HeadLayout>; width: number } {
  let width = 0;
  const heads = {} as Record<HeadName, HeadLayout>;
  for (const name of HEADS) {
    heads[name] = { labels: labels[name], offset: width };
    width += labels[name].length;
  }
  return { heads, width };
}

export function emptyModel(labels: Record<HeadName, readonly string[]>): OfflineModel {
  const { heads, width } = headLayout(labels);
  return { heads, width, weights: new Float32Array(FEATURE_BUCKETS * width), weightScale: 1, calibration: UNCALIBRATED, seen: new Uint8Array(FEATURE_BUCKETS / 8), gate: OPEN_GATE };
}

/** Raw scores of every column (all heads) for one text's features. */
export function scoreAll(model: OfflineModel, features: readonly number[]): Float64Array {
  const { width, weights } = model;
  const scores = new Float64Array(width);
  for (const f of features) {
    const row = f * width;
    for (let c = 0; c < width; c++) scores[c] += weights[row + c];
  }
  const scale = FEATURE_VALUE * model.weightScale;
  for (let c = 0; c < width; c++) scores[c] *= scale;
  return scores;
}

/** Label probabilities of one head, from scoreAll's output. */
export function headProbabilities(model: OfflineModel, head: HeadName, scores: Float64Array): Float64Array {
  const { labels, offset } = model.heads[head];
  return softmaxInPlace(scores.slice(offset, offset + labels.length));
}

/** Scores of one head only; training uses it so each head's step costs only its own columns. */
export function headScores(model: OfflineModel, head: HeadName, features: readonly number[]): Float64Array {
  const { labels, offset } = model.heads[head];
  const { width, weights } = model;
  const scores = new Float64Array(labels.length);
  for (const f of features) {
    const row = f * width + offset;
    for (let c = 0; c < labels.length; c++) scores[c] += weights[row + c];
  }
  const scale = FEATURE_VALUE * model.weightScale;
  for (let c = 0; c < labels.length; c++) scores[c] *= scale;
  return softmaxInPlace(scores);
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < scores.length; i++) scores[i] /= sum;
  return scores;
}
