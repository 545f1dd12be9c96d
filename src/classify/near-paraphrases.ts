// Groups texts that are near-paraphrases of one another (the labelled set's second pass rewords
// some texts of the first; zh-Hant texts may be conversions of zh-Hans ones), so that a
// cross-validation split keeps each group on one side and does not reward memorising wording.
import { normalizeText } from './normalize.js';

/** Jaccard similarity of the token sets at or above which two texts are one group. */
export const PARAPHRASE_SIMILARITY = 0.3;

/** Tokens of a text: Chinese character bigrams (after traditional → simplified) and Latin words. */
function tokens(text: string): Set<string> {
  const normal = normalizeText(text);
  const out = new Set<string>(normal.match(/[a-z0-9]+/g) ?? []);
  for (const run of normal.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * One group number per text: texts joined by any chain of pairs at or above `threshold` share a
 * number. Quadratic in the number of texts, which is fine for a labelled set of a few thousand.
 */
export function groupNearParaphrases(texts: readonly string[], threshold = PARAPHRASE_SIMILARITY): number[] {
  const sets = texts.map(tokens);
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (jaccard(sets[i], sets[j]) >= threshold) parent[root(j)] = root(i);
    }
  }
  const numbers = new Map<number, number>();
  return texts.map((_, i) => {
    const r = root(i);
    if (!numbers.has(r)) numbers.set(r, numbers.size);
    return numbers.get(r)!;
  });
}
