// Turns a text into hashed feature ids for the linear model. Hashing keeps the model file small
// and needs no vocabulary; the same function runs at training and at runtime.
import { CUES, URGENT_SIGNS } from './lexicon.js';
import type { Signals } from './signals.js';
import { KIND_LEXICON, TOPIC_LEXICON } from './label-lexicons.js';
import { CONTRAST, COUNTERFACTUAL, negatedAt, POLARITY_WORD } from './polarity-lexicon.js';

/** Number of hash buckets; a power of two so a mask picks the bucket. */
export const FEATURE_BUCKETS = 1 << 18;
const MASK = FEATURE_BUCKETS - 1;

// Namespaces keep a Chinese bigram and an English word with the same code points apart.
const NS = { bias: 1, uni: 2, bi: 3, tri: 4, word: 5, word2: 6, stem: 7, negWord: 8, negChar: 9, punct: 10, cue: 11, urgent: 12, shape: 13, topicLex: 14, kindLex: 15, polarity: 16 } as const;

const CJK_NEGATORS = new Set([...'不没别未无非'].map((c) => c.charCodeAt(0)));
const EN_NEGATORS = new Set(['not', 'no', 'never', 'without', 'nothing', 'none', 'cannot']);

/**
 * Feature ids of a normalised text (see normalizeText) and its lexicon signals.
 * Ids may repeat; a repeat counts twice, like a term frequency.
 */
export function extractFeatures(text: string, signals: Signals): number[] {
  const out: number[] = [bucket1(NS.bias, 0)];
  let words: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      let j = i;
      while (j < n && isCjk(text.charCodeAt(j))) j++;
      flushWords(words, out);
      words = [];
      cjkRun(text, i, j, out);
      i = j;
    } else if (isWordChar(c)) {
      let j = i;
      while (j < n && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === 39)) j++;
      words.push(text.slice(i, j));
      i = j;
    } else {
      if (c === 63 || c === 33) out.push(bucket2(NS.punct, c, text.charCodeAt(i + 1) === c ? 1 : 0));
      else if (c === 46 || c === 44 || c === 12290) {
        // A sentence break ends an English bigram chain.
        flushWords(words, out);
        words = [];
      }
      i++;
    }
  }
  flushWords(words, out);
  for (const cue of signals.cues) out.push(bucket1(NS.cue, CUES.indexOf(cue)));
  for (const sign of signals.urgent) out.push(bucket1(NS.urgent, URGENT_SIGNS.indexOf(sign)));
  if (signals.urgent.length > 0) out.push(bucket1(NS.urgent, 99));
  if (signals.shouting) out.push(bucket1(NS.shape, 1));
  lexiconFeatures(text, TOPIC_LEXICON, NS.topicLex, out);
  lexiconFeatures(text, KIND_LEXICON, NS.kindLex, out);
  polarityFeatures(text, out);
  return out;
}

/**
 * One feature per opinion word: its polarity, whether a negator flips it, whether it stands after
 * the last contrast word ("不错，但是…") or inside a wish ("would be great if"), plus the balance
 * of the whole text. These carry across domains where the n-grams of one domain do not.
 */
function polarityFeatures(text: string, out: number[]): void {
  let verdictFrom = 0;
  CONTRAST.lastIndex = 0;
  for (let m = CONTRAST.exec(text); m !== null; m = CONTRAST.exec(text)) verdictFrom = m.index + m[0].length;
  const wish = COUNTERFACTUAL.test(text);
  let balance = 0;
  let verdictBalance = 0;
  POLARITY_WORD.lastIndex = 0;
  for (let m = POLARITY_WORD.exec(text); m !== null; m = POLARITY_WORD.exec(text)) {
    if (m[1] === undefined && m[2] === undefined) continue; // no opinion: a greeting, 差价
    const negated = negatedAt(text, m.index) || wish;
    const positive = (m[2] !== undefined) !== negated;
    const inVerdict = verdictFrom > 0 && m.index >= verdictFrom;
    out.push(bucket1(NS.polarity, (m[2] !== undefined ? 1 : 0) + (negated ? 2 : 0) + (inVerdict ? 4 : 0)));
    balance += positive ? 1 : -1;
    if (inVerdict) verdictBalance += positive ? 1 : -1;
  }
  out.push(bucket1(NS.polarity, 10 + Math.sign(balance)));
  if (verdictFrom > 0) out.push(bucket1(NS.polarity, 20 + Math.sign(verdictBalance)));
  if (wish) out.push(bucket1(NS.polarity, 30));
}

/** Lexicon hits weigh LEXICON_WEIGHT times an n-gram: they generalise past the training words. */
const LEXICON_WEIGHT = 2;

function lexiconFeatures(text: string, lexicon: Record<string, RegExp>, ns: number, out: number[]): void {
  let index = 0;
  for (const name in lexicon) {
    if (lexicon[name].test(text)) for (let r = 0; r < LEXICON_WEIGHT; r++) out.push(bucket1(ns, index));
    index++;
  }
}

function cjkRun(text: string, from: number, to: number, out: number[]): void {
  let negatedUntil = -1;
  for (let k = from; k < to; k++) {
    const a = text.charCodeAt(k);
    out.push(bucket1(NS.uni, a));
    if (k + 1 < to) out.push(bucket2(NS.bi, a, text.charCodeAt(k + 1)));
    if (k + 2 < to) out.push(bucket3(NS.tri, a, text.charCodeAt(k + 1), text.charCodeAt(k + 2)));
    // Characters right after a negator carry a flipped meaning: "不慢", "没坏".
    if (k <= negatedUntil) out.push(bucket1(NS.negChar, a));
    if (CJK_NEGATORS.has(a)) negatedUntil = k + 3;
  }
}

function flushWords(words: string[], out: number[]): void {
  let negatedUntil = -1;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const h = hashString(w);
    out.push(bucket2(NS.word, h, 0));
    if (w.length > 5) out.push(bucket2(NS.stem, hashString(w.slice(0, 5)), 0));

    if (k + 1 < words.length) out.push(bucket3(NS.word2, h, hashString(words[k + 1]), 0));
    if (k <= negatedUntil) out.push(bucket2(NS.negWord, h, 0));
    if (EN_NEGATORS.has(w) || w.endsWith("n't")) negatedUntil = k + 2;
  }
}

/** Whether the text holds a Chinese character (the same ranges the n-grams use). */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isCjk(text.charCodeAt(i))) return true;
  return false;
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

// FNV-style mixing of whole values, then murmur3's finaliser so the low bits the mask keeps are
// well spread.
function bucket1(ns: number, a: number): number {
  return fmix(Math.imul(Math.imul(0x811c9dc5 ^ ns, 16777619) ^ a, 16777619)) & MASK;
}

function bucket2(ns: number, a: number, b: number): number {
  return fmix(Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ ns, 16777619) ^ a, 16777619) ^ b, 16777619)) & MASK;
}

function bucket3(ns: number, a: number, b: number, c: number): number {
  const h = Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ ns, 16777619) ^ a, 16777619) ^ b, 16777619);
  return fmix(Math.imul(h ^ c, 16777619)) & MASK;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
