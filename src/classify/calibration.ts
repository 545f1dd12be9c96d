// Calibration of the sentiment score: a logistic map from the polarity margin (how far the
// model leans to its side) to the share of such calls that are right on text it did not train on.
import type { Calibration } from './linear-model.js';

export interface CalibrationSample {
  /** The margin on the side of the call made, in [-1, 1]: positive means the model leans to its call. */
  margin: number;
  correct: boolean;
}

/** Probability that a call with this margin is right; never below one half. */
export function calibratedProbability(c: Calibration, margin: number): number {
  return Math.max(0.5, 1 / (1 + Math.exp(-(c.a * margin + c.b))));
}

/** Platt scaling: fits a and b by Newton's method on the log loss of the samples. */
export function fitCalibration(samples: readonly CalibrationSample[]): Calibration {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (const { margin, correct } of samples) {
      const p = 1 / (1 + Math.exp(-(a * margin + b)));
      const err = p - (correct ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-9);
      ga += err * margin;
      gb += err;
      haa += w * margin * margin;
      hab += w * margin;
      hbb += w;
    }
    // A tiny ridge keeps the 2x2 system solvable when every margin is alike.
    haa += 1e-6;
    hbb += 1e-6;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Mean stated probability of the calls in the bin. */
  stated: number;
  /** Share of them that were right. */
  observed: number;
}

/** Calls grouped by stated probability in bins of 0.1 from 0.5 to 1, and the expected calibration error. */
export function reliability(calls: readonly { probability: number; correct: boolean }[]): { bins: ReliabilityBin[]; ece: number } {
  const bins: ReliabilityBin[] = [];
  for (let from = 0.5; from < 0.999; from += 0.1) {
    const to = from + 0.1;
    const inBin = calls.filter((c) => c.probability >= from && (c.probability < to || (to > 0.999 && c.probability <= 1)));
    const count = inBin.length;
    bins.push({
      from,
      to,
      count,
      stated: count ? inBin.reduce((s, c) => s + c.probability, 0) / count : 0,
      observed: count ? inBin.filter((c) => c.correct).length / count : 0,
    });
  }
  const total = calls.length || 1;
  const ece = bins.reduce((s, b) => s + (b.count / total) * Math.abs(b.stated - b.observed), 0);
  return { bins, ece };
}
