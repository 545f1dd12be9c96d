// The model's on-disk form: only the buckets training touched, weights quantised to 16 bits.
// Keeps the committed file near 1.5 MB and loading to one pass over typed arrays.
import { FEATURE_BUCKETS } from './features.js';
import { emptyModel, HEADS, type HeadName, type OfflineModel } from './linear-model.js';

export const MODEL_FORMAT = 1;

export interface StoredModel {
  format: number;
  featureBuckets: number;
  trainedOn: number;
  /** Labels of each head, in column order. */
  heads: Record<string, string[]>;
  /** Weight = int16 value × scale. */
  scale: number;
  /** base64 of a little-endian Int32Array: the buckets training touched. */
  buckets: string;
  /** base64 of a little-endian Int16Array: one full row (all heads) per stored bucket. */
  weights: string;
}

export function serializeModel(model: OfflineModel, trainedOn: number): StoredModel {
  const { width } = model;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 32767 || 1;
  const buckets: number[] = [];
  const weights: number[] = [];
  for (let b = 0; b < FEATURE_BUCKETS; b++) {
    const quantised = Array.from(model.weights.subarray(b * width, (b + 1) * width), (w) => Math.round(w / scale));
    if (quantised.every((q) => q === 0)) continue;
    buckets.push(b);
    weights.push(...quantised);
  }
  const heads = Object.fromEntries(HEADS.map((name) => [name, [...model.heads[name].labels]]));
  return {
    format: MODEL_FORMAT,
    featureBuckets: FEATURE_BUCKETS,
    trainedOn,
    heads,
    scale,
    buckets: Buffer.from(new Int32Array(buckets).buffer).toString('base64'),
    weights: Buffer.from(new Int16Array(weights).buffer).toString('base64'),
  };
}

/** Throws when the file was written by an incompatible version of the feature code. */
export function deserializeModel(stored: StoredModel): OfflineModel {
  if (stored.format !== MODEL_FORMAT || stored.featureBuckets !== FEATURE_BUCKETS) {
    throw new Error(`model file format ${stored.format}/${stored.featureBuckets} does not match this code; run npm run train`);
  }
  for (const name of HEADS) if (!stored.heads[name]) throw new Error(`model file has no "${name}" head; run npm run train`);
  const model = emptyModel(stored.heads as Record<HeadName, string[]>);
  const buckets = toTyped(stored.buckets, Int32Array);
  const weights = toTyped(stored.weights, Int16Array);
  const { width } = model;
  for (let i = 0; i < buckets.length; i++) {
    const row = buckets[i] * width;
    for (let c = 0; c < width; c++) model.weights[row + c] = weights[i * width + c] * stored.scale;
  }
  return model;
}
function toTyped<T extends Int32Array | Int16Array>(base64: string, Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(base64, 'base64');
  // Copy into a fresh, aligned buffer: a Buffer may sit at any offset of a shared pool.
  const aligned = new ArrayBuffer(bytes.length);
  new Uint8Array(aligned).set(bytes);
  return new Kind(aligned);
}
