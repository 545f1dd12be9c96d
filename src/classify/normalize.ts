// Text normalisation shared by training and runtime, so features mean the same in both.
import { TRADITIONAL_TO_SIMPLIFIED } from './t2s-map.js';

/**
 * NFKC (full-width "！？" and letters become ASCII), lower case, traditional → simplified.
 * Pure and cheap: it runs on every text before feature extraction and keyword matching.
 */
export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  let changedFrom = -1;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    // Traditional characters used in feedback all sit in the BMP CJK block.
    if (code < 0x4e00) continue;
    const simplified = TRADITIONAL_TO_SIMPLIFIED.get(code);
    if (simplified === undefined) continue;
    out += folded.slice(changedFrom + 1, i) + String.fromCharCode(simplified);
    changedFrom = i;
  }
  return changedFrom < 0 ? folded : out + folded.slice(changedFrom + 1);
}
