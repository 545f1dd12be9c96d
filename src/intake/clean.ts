// The first intake step: tidy the customer's text without changing their words, and turn away
// what is not feedback at all (nothing, junk, or more than one item could hold).

export type CleanRejection = 'empty' | 'junk' | 'too_long';
export type CleanResult = { ok: true; text: string } | { ok: false; reason: CleanRejection };

/** Longest feedback text accepted, in characters (code points) after cleaning. */
export const MAX_FEEDBACK_CHARS = 10_000;

const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;
// Tabs, form feeds, no-break and typographic spaces, and the ideographic space all become one space.
const SPACE = /[\t\v\f \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
// Control characters, soft hyphens, zero-width and bidirectional marks: invisible, so removing them
// changes nothing the customer meant, but they would split words for search and dedupe.
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;
// A zero-width joiner is kept only inside an emoji sequence (👨‍👩‍👧), where it is part of the picture.
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const BLANK_LINES = /\n{3,}/g;

const WHITESPACE = /\s+/;
const HAS_LETTER = /\p{L}/u;
const ONE_REPEATED_CHAR = /^(.)\1{2,}$/su; // "aaaaaaa"; two of a kind ("好好") may still be a word
const TEST_STRING = /^(?:test|tests|testing|ceshi|测试|測試|测试一下|測試一下|\d)+$/u;
const REPEATED_UNIT = /^(.{1,4})\1+$/; // "asdfasdf", "jkjkjk"
const LATIN_WORD = /^[a-z]+$/;
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const MIN_MASH_LETTERS = 4;

/**
 * Normalises whitespace, line endings and invisible characters, then accepts the text or names
 * why not: 'empty' (nothing left), 'too_long' (over MAX_FEEDBACK_CHARS) or 'junk' (no letters,
 * one character repeated, keyboard mash, or only a test word). Never throws.
 */
export function cleanFeedbackText(raw: string): CleanResult {
  const text = normaliseText(raw);
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_FEEDBACK_CHARS && countCodePoints(text) > MAX_FEEDBACK_CHARS) return { ok: false, reason: 'too_long' };
  if (isJunk(text)) return { ok: false, reason: 'junk' };
  return { ok: true, text };
}

/**
 * The form two texts share when they say the same thing: compatibility-normalised (full-width to
 * half-width), lower case, without whitespace, punctuation, symbols or invisible characters.
 * "Hello,  World!" and "hello world" both become "helloworld".
 */
export function normaliseForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\p{C}\s]+/gu, '');
}

function normaliseText(raw: string): string {
  const text = raw.normalize('NFC')
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(SPACE, ' ');
  const lines = text.split('\n').map((line) => line.trim());
  return lines.join('\n').replace(BLANK_LINES, '\n\n').trim();
}

function isJunk(text: string): boolean {
  if (!HAS_LETTER.test(text)) return true; // only punctuation, emoji, digits
  const compact = normaliseForDedupe(text);
  if (ONE_REPEATED_CHAR.test(compact) || TEST_STRING.test(compact)) return true;
  return text.split(WHITESPACE).every((word) => isKeyboardMash(normaliseForDedupe(word)));
}

// A Latin word typed by repeating a few keys or sliding along one keyboard row ("asdf", "qwerty").
function isKeyboardMash(word: string): boolean {
  if (word.length < MIN_MASH_LETTERS || !LATIN_WORD.test(word)) return false;
  return REPEATED_UNIT.test(word) || isRowWalk(word);
}

function isRowWalk(word: string): boolean {
  const row = KEYBOARD_ROWS.find((r) => r.includes(word[0]));
  if (!row) return false;
  for (let i = 1; i < word.length; i++) {
    const from = row.indexOf(word[i - 1]);
    const to = row.indexOf(word[i]);
    if (to < 0 || Math.abs(to - from) !== 1) return false;
  }
  return true;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
