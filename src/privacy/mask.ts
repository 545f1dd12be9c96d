// Personal-data masking for every customer text, agent note and log line (LABELS.md §5 and
// "Further borderline decisions"). One precompiled scan finds e-mail addresses and runs of digits;
// each run is then judged by its surroundings (number-context.ts) and its shape (number-shapes.ts).
import { classifyLabelledNumber, classifyNumber } from './number-shapes.js';
import { runContext, type RunContext } from './number-context.js';

export type MaskType = 'PHONE' | 'EMAIL' | 'ID' | 'CARD';

export interface MaskResult {
  masked: string;
  /** One entry per mask, in the order the masks appear in `masked`. */
  types: MaskType[];
}

// The local part starts where a run of local-part characters starts (the lookbehind), so the scan
// never retries it from every inner position. The top-level domain is letters only.
const EMAIL = String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])`;
// A run: digit groups joined by one space or dash, an optional leading "+", groups in parentheses
// ("+1 (415) 555-0134", "(+86) 135-0013-6688") and a final X for an ID check digit. Every repeat
// starts with a separator or a parenthesis, so the pattern is linear.
const ID_CHECK_X = String.raw`(?:[Xx](?![A-Za-z0-9]))?`;
const FIRST_GROUP = String.raw`(?:\(\+?\d{1,4}\)|\+?\d+${ID_CHECK_X})`;
const NEXT_GROUP = String.raw`(?:[ -]?\(\d{1,5}\)|(?<=\))\d+${ID_CHECK_X}|[ .-]\d+${ID_CHECK_X})`;
const RUN = `${FIRST_GROUP}${NEXT_GROUP}*`;
// Resident IDs that start with letters: Taiwan "A123456789", Hong Kong "A123456(7)". Masked only
// after an ID label: alone they look like model or booking codes.
const LETTER_ID = String.raw`(?<![A-Za-z0-9])(?:[A-Za-z]\d{9}|[A-Za-z]{1,2}\d{6}(?:\([0-9Aa]\)|[0-9Aa]))(?![A-Za-z0-9])`;
const CANDIDATE = new RegExp(`(${EMAIL})|(${LETTER_ID})|(${RUN})`, 'g');
const MAY_HOLD_PERSONAL_DATA = /[\d@０-９]/;
// Chinese input methods often type full-width digits ("１３９…"). Each folds to one ASCII code unit,
// so the scan runs on the folded copy and every offset in it still points into the original.
const FULL_WIDTH_NUMBER_CHARS = /[０-９＋－（）．]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/** The shortest personal number has 9 digits (an international one), the longest 19 (a card). */
const MIN_DIGITS = 9;
/** After a phone label an 8-digit local number counts ("電話：9123 4567"). */
const MIN_LABELLED_DIGITS = 8;
const MAX_DIGITS = 19;
/** The most space-separated pieces one number spans: "6222 0212 3456 7890 128", "+1 (415) 555-0134". */
const MAX_PIECES = 5;

/**
 * Replaces each phone number, e-mail address, resident ID and bank-card number with `[PHONE]`,
 * `[EMAIL]`, `[ID]` or `[CARD]`, leaving every other character as it was. Pure; linear in the text.
 */
export function maskPersonalData(text: string): MaskResult {
  const types: MaskType[] = [];
  if (!MAY_HOLD_PERSONAL_DATA.test(text)) return { masked: text, types };
  const scan = text.replace(FULL_WIDTH_NUMBER_CHARS, toHalfWidth);
  let masked = '';
  let copiedUpTo = 0;
  CANDIDATE.lastIndex = 0; // the scan is synchronous and never re-entered, so one shared regex is safe
  for (let match = CANDIDATE.exec(scan); match !== null; match = CANDIDATE.exec(scan)) {
    const found = match[0];
    let replacement: string;
    if (match[1] !== undefined) {
      types.push('EMAIL');
      replacement = '[EMAIL]';
    } else if (match[2] !== undefined) {
      if (!runContext(scan, match.index, match.index + found.length).idLabelled) continue;
      types.push('ID');
      replacement = '[ID]';
    } else if (found.length < MIN_LABELLED_DIGITS) {
      continue;
    } else {
      const original = text.slice(match.index, match.index + found.length);
      replacement = maskRun(scan, found, original, match.index, types);
      if (replacement === original) continue;
    }
    masked += text.slice(copiedUpTo, match.index) + replacement;
    copiedUpTo = match.index + found.length;
  }
  return { masked: copiedUpTo === 0 ? text : masked + text.slice(copiedUpTo), types };
}

/** `maskPersonalData(text).masked`. */
export function maskText(text: string): string {
  return maskPersonalData(text).masked;
}

/**
 * Returns a copy of a JSON-like value with every string in it masked (object keys are kept).
 * Arrays and plain objects are copied; other objects, numbers and booleans are returned as they
 * are. Never mutates `value`.
 */
export function maskDeep(value: unknown): unknown {
  return maskValue(value, new WeakMap());
}

function maskValue(value: unknown, copies: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  const seen = copies.get(value);
  if (seen !== undefined) return seen; // a cycle: point at the copy, do not recurse forever
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(maskValue(item, copies));
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = maskValue(item, copies);
  return copy;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// A run may hold several numbers side by side ("13912345678 13812345678") or one grouped number
// ("138 1234 5678"). Pieces are split at spaces only, since a dash or parenthesis binds its
// neighbours; from each piece the longest span of pieces that has a personal-data shape wins.
// `run` is read; unmasked pieces are copied from `original`, which may be written in full width.
function maskRun(scan: string, run: string, original: string, start: number, types: MaskType[]): string {
  const context = runContext(scan, start, start + run.length);
  if (context.labelled) return original; // "订单号 …", "Order no. …": never masked, whatever the shape
  const pieces = run.split(' ');
  const originalPieces = original.split(' ');
  const digitsBefore = [0]; // digitsBefore[k]: digits in pieces[0..k), so a span's count is one subtraction
  for (const piece of pieces) digitsBefore.push(digitsBefore[digitsBefore.length - 1] + countDigits(piece));
  const out: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const found = longestMatch(pieces, digitsBefore, i, context);
    if (found === undefined) {
      out.push(originalPieces[i]);
      i += 1;
      continue;
    }
    types.push(found.type);
    out.push(`[${found.type}]`);
    i = found.end;
  }
  return out.join(' ');
}

function longestMatch(pieces: string[], digitsBefore: number[], from: number, context: RunContext) {
  if (from === 0 && context.gluedLeft) return undefined;
  const label = from === 0 ? context.personalLabel : undefined;
  const minDigits = label ? MIN_LABELLED_DIGITS : MIN_DIGITS;
  for (let end = Math.min(pieces.length, from + MAX_PIECES); end > from; end--) {
    const digits = digitsBefore[end] - digitsBefore[from];
    if (digits < minDigits) return undefined; // shorter spans hold even fewer
    if (digits > MAX_DIGITS || (end === pieces.length && context.gluedRight)) continue;
    const segment = pieces.slice(from, end).join(' ');
    const type = classifyNumber(segment, digits, from === 0 && context.idLabelled) ?? (label && classifyLabelledNumber(segment, digits, label));
    if (type) return { type, end };
  }
  return undefined;
}

function countDigits(piece: string): number {
  let n = 0;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function toHalfWidth(char: string): string {
  return String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET);
}
