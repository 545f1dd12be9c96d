// Lexicon hits of one text, computed once and used both as model features and by the rules.
import { CUE_LEXICON, CUES, URGENT_LEXICON, URGENT_SIGNS, type Cue, type UrgentSign } from './lexicon.js';

export interface Signals {
  cues: Cue[];
  urgent: UrgentSign[];
  /** All-caps shouting with a demand: the shouting LABELS.md counts as urgent anger. */
  shouting: boolean;
}

/** `text` is normalised (see normalizeText); `raw` is the original, for letter case. */
export function detectSignals(text: string, raw: string): Signals {
  const cues = CUES.filter((cue) => CUE_LEXICON[cue].test(text));
  const urgent = URGENT_SIGNS.filter((sign) => URGENT_LEXICON[sign].test(text));
  return { cues, urgent, shouting: isShouting(raw) };
}

const ACRONYMS = new Set(['APP', 'VAT', 'USB', 'PDF', 'SMS', 'ATM', 'GPS', 'VIP', 'FAQ', 'ETA', 'SIM', 'PIN', 'OTP', 'USA', 'CSV', 'API', 'ID']);
const SHOUTED_DEMAND = /^(?:NOW|HELP|DONE|ASAP|IMMEDIATELY|TODAY|STOP|NOTHING)$/;
const DEMAND = /\b(?:fix|refund|cancel|block|lock|send|give me|call me|now|today|immediately)\b/i;

// LABELS.md: strong words alone ("TERRIBLE!!") are not urgent; shouting with a demand is.
function isShouting(raw: string): boolean {
  const caps = (raw.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w));
  if (caps.length === 0) return false;
  if (caps.length >= 4 || caps.some((w) => SHOUTED_DEMAND.test(w))) return true;
  return DEMAND.test(raw) && /!/.test(raw);
}
