// One text → normalised form, lexicon signals and feature ids; shared by training and runtime.
import { extractFeatures } from './features.js';
import { normalizeText } from './normalize.js';
import { detectSignals, type Signals } from './signals.js';

export interface AnalysedText {
  normalized: string;
  signals: Signals;
  features: number[];
}

export function analyseText(raw: string): AnalysedText {
  const normalized = normalizeText(raw);
  const signals = detectSignals(normalized, raw);
  return { normalized, signals, features: extractFeatures(normalized, signals) };
}
