// The model's on-disk form: a small JSON header, then every weight as a 16-bit integer in one
// dense little-endian table, then one bit per bucket that the polarity head saw in training. Loading is one file read and a typed-array view: no parsing of
// weights, no conversion, well under the 300 ms start-up budget (bench/classify measures it).
import type { FamiliarityGate } from './familiarity.js';
import { FEATURE_BUCKETS } from './features.js';
import { headLayout, HEADS, type Calibration, type HeadName, type OfflineModel } from './linear-model.js';

export const MODEL_FORMAT = 3;

export interface ModelHeader {
  format: number;
  featureBuckets: number;
  /** What the model was trained on, e.g. { labelled: 1095, reviews: 19342 }. */
  trainedOn: Record<string, number>;
  calibration: Calibration;
  /** When the polarity head is trusted over the opinion lexicon (see familiarity.ts). */
  gate: FamiliarityGate;
  /** Labels of each head, in column order. */
  heads: Record<string, string[]>;
  /** Weight = int16 value × scale. */
  scale: number;
}

/** Layout: uint32 header length, the header as UTF-8 JSON, zero padding to 8 bytes, int16 weights, the seen-bucket bits. */
export function serializeModel(model: OfflineModel, trainedOn: Record<string, number>): Buffer {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w * model.weightScale));
  const scale = maxAbs / 32767 || 1;
  const weights = new Int16Array(model.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.round((model.weights[i] * model.weightScale) / scale);
  const heads = Object.fromEntries(HEADS.map((name) => [name, [...model.heads[name].labels]]));
  const header: ModelHeader = { format: MODEL_FORMAT, featureBuckets: FEATURE_BUCKETS, trainedOn, calibration: model.calibration, gate: model.gate, heads, scale };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const weightsAt = align8(4 + json.length);
  const out = Buffer.alloc(weightsAt + weights.byteLength + model.seen.byteLength);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  Buffer.from(weights.buffer).copy(out, weightsAt);
  Buffer.from(model.seen.buffer, model.seen.byteOffset, model.seen.byteLength).copy(out, weightsAt + weights.byteLength);
  return out;
}

/** Throws when the file was written by an incompatible version of the feature code. */
export function deserializeModel(file: Buffer): OfflineModel {
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.toString('utf8', 4, 4 + headerLength)) as ModelHeader;
  if (header.format !== MODEL_FORMAT || header.featureBuckets !== FEATURE_BUCKETS) {
    throw new Error(`model file format ${header.format}/${header.featureBuckets} does not match this code; run npm run train`);
  }
  for (const name of HEADS) if (!header.heads[name]) throw new Error(`model file has no "${name}" head; run npm run train`);
  const shape = headLayout(header.heads as Record<HeadName, string[]>);
  const weightsAt = align8(4 + headerLength);
  const count = FEATURE_BUCKETS * shape.width;
  const seenAt = weightsAt + count * 2;
  if (file.length !== seenAt + FEATURE_BUCKETS / 8) throw new Error('model file is truncated; run npm run train');
  // readFileSync gives a buffer of its own, so a view at an aligned offset is safe; copy otherwise.
  const aligned = file.byteOffset % 2 === 0 ? file : Buffer.from(file);
  const weights = new Int16Array(aligned.buffer, aligned.byteOffset + weightsAt, count);
  const seen = new Uint8Array(aligned.buffer, aligned.byteOffset + seenAt, FEATURE_BUCKETS / 8);
  return { ...shape, weights, weightScale: header.scale, calibration: header.calibration, seen, gate: header.gate };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
