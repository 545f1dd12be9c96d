// How familiar a text is to the polarity head: the share of its features that occurred in the
// texts the head trained on. On a review domain it never saw (hotel reviews read by a model
// trained on food delivery), the head's n-grams mislead: in food delivery any talk beyond the
// food is a complaint, so a long hotel review that lists faults and rates the stay well reads
// as negative. There the domain-independent opinion lexicon decides instead (see decide.ts).
import { FEATURE_BUCKETS } from './features.js';

/** One bit per feature bucket: set when some polarity training text had that feature. */
export type SeenBuckets = Uint8Array;

/**
 * Familiarity at or above `to` trusts the polarity head fully, at or below `from` not at all.
 * Both come from the training texts themselves (see fitFamiliarity), never from held-out text.
 */
export interface FamiliarityGate {
  from: number;
  to: number;
}

/** Never gates: a model trained without reviews, or before fitting. */
export const OPEN_GATE: FamiliarityGate = { from: 0, to: 0 };

/**
 * Leave-one-out quantiles of the training reviews' familiarity: a review's familiarity counting
 * only features some other text had, which is what a held-out review of the same domains looks
 * like. The gate closes below the 2nd percentile and opens fully at the 10th, so nine in ten
 * reviews of a trained domain keep the head as it is.
 */
const GATE_QUANTILES = { from: 0.02, to: 0.1 } as const;

/**
 * The seen buckets of every training text's features, and the gate fitted on the reviews among
 * them (`reviews` are also in `texts`). The labelled messages are not used for the gate: the gate
 * only reads reviews, and short English messages would set it far lower.
 */
export function fitFamiliarity(texts: readonly (readonly number[])[], reviews: readonly (readonly number[])[] = texts): { seen: SeenBuckets; gate: FamiliarityGate } {
  const docs = new Uint32Array(FEATURE_BUCKETS);
  const stamp = new Int32Array(FEATURE_BUCKETS).fill(-1);
  texts.forEach((features, t) => {
    for (const f of features) if (stamp[f] !== t) (stamp[f] = t), docs[f]++;
  });
  const seen = new Uint8Array(FEATURE_BUCKETS / 8);
  for (let f = 0; f < FEATURE_BUCKETS; f++) if (docs[f] > 0) seen[f >>> 3] |= 1 << (f & 7);
  if (reviews.length < 2) return { seen, gate: OPEN_GATE };
  const leaveOneOut = reviews.map((features) => {
    let known = 0;
    for (const f of features) if (docs[f] > 1) known++;
    return features.length ? known / features.length : 1;
  });
  leaveOneOut.sort((a, b) => a - b);
  const at = (q: number) => leaveOneOut[Math.floor(q * (leaveOneOut.length - 1))];
  return { seen, gate: { from: at(GATE_QUANTILES.from), to: at(GATE_QUANTILES.to) } };
}

/** Share of the features whose bucket is set in `seen`. */
export function familiarity(seen: SeenBuckets, features: readonly number[]): number {
  if (features.length === 0) return 1;
  let known = 0;
  for (const f of features) known += (seen[f >>> 3] >>> (f & 7)) & 1;
  return known / features.length;
}

/** 0 (rely on the lexicon) to 1 (rely on the polarity head). */
export function trustInHead(gate: FamiliarityGate, familiar: number): number {
  if (gate.to <= gate.from) return 1;
  return Math.min(1, Math.max(0, (familiar - gate.from) / (gate.to - gate.from)));
}
