// The words of a search, turned into the terms the database indexed (feedback_search_terms in
// migration 007 makes the same ones from item text): Han bigrams and Latin/digit words, after
// NFKC folding and lower-casing.

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN_WORD = /[a-z0-9]+/g;

export interface SearchWord {
  /** What an item's text must contain (folded), checked on every candidate. */
  needle: string;
  /** Index terms every match carries; empty when the word has none (a single Han character). */
  terms: string[];
}

export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function searchWordOf(word: string): SearchWord {
  const needle = foldForSearch(word.trim());
  const terms = new Set<string>();
  for (const m of needle.matchAll(LATIN_WORD)) terms.add(m[0]);
  for (const m of needle.matchAll(HAN_RUN)) {
    const chars = Array.from(m[0]);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
  }
  // A Latin word typed inside a longer one ("refund" in "refunded") is not a term of its own:
  // only whole words are indexed, so a word that ends or starts mid-token is matched by the needle.
  return { needle, terms: [...terms] };
}
