// Lexicon hits of one text, computed once and used both as model features and by the rules.
import { CUE_LEXICON, CUES, URGENT_LEXICON, URGENT_SIGNS, type Cue, type UrgentSign } from './lexicon.js';

export interface Signals {
  cues: Cue[];
  urgent: UrgentSign[];
  /** All-caps words with a demand or "!": the shouting LABELS.md counts as urgent anger. */
  shouting: boolean;
}

/** `text` is normalised (see normalizeText); `raw` is the original, for letter case. */
export function detectSignals(text: string, raw: string): Signals {
  const cues = CUES.filter((cue) => CUE_LEXICON[cue].test(text));
  const urgent = URGENT_SIGNS.filter((sign) => URGENT_LEXICON[sign].test(text));
  return { cues, urgent, shouting: isShouting(raw) };
}

const ACRONYMS = new Set(['APP', 'VAT', 'USB', 'PDF', 'SMS', 'ATM', 'GPS', 'VIP', 'FAQ', 'TV', 'ETA', 'SIM', 'PIN', 'OTP', 'UK', 'USA']);

function isShouting(raw: string): boolean {
  const caps = raw.match(/\b[A-Z]{3,}\b/g);
  if (caps === null || !caps.some((w) => !ACRONYMS.has(w))) return false;
  return /!|\b(?:NOW|HELP|DONE|NOTHING|NOT)\b/.test(raw);
}
