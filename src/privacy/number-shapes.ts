// Which personal datum a run of digits is, judged by its shape alone (LABELS.md §5). The caller has
// already checked what surrounds the run (labels, letters, amounts); here only the digits and the
// way they are grouped count. Every pattern is anchored and runs on a short segment, never on the
// whole text, so none of them can backtrack over a long input.
import { isResidentId15, isResidentId18, passesLuhn } from './checksums.js';
import type { MaskType } from './mask.js';
import type { PersonalLabel } from './number-context.js';

export type NumberMaskType = Exclude<MaskType, 'EMAIL'>;

const SHAPES = {
  // 18 characters, optionally grouped 6-8-4 ("330106 19900101 0034").
  id18: /^(\d{6})[ -]?(\d{8})[ -]?(\d{3}[\dXx])$/,
  id15: /^\d{15}$/,
  // 16 or 19 digits, plain or in fours with one kind of separator ("6222 0212 3456 7890 128").
  card: /^(?:\d{16}|\d{19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?)$/,
  // 1[3-9] + 9 digits, plain or 3-4-4, optionally led by +86, (+86) or 86.
  cnMobile: /^(?:(?:\+86|\(\+86\)|86)[ -]?)?1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4})$/,
  // 0 + 2-3 digit area code, set off by a dash, a space or parentheses, then 7-8 digits (maybe 4-4);
  // local numbers never start with 0 or 1.
  cnLandline: /^(?:\(0\d{2,3}\)[ -]?|0\d{2,3}[ -])[2-9]\d{2,3}[ -]?\d{4}$/,
  // North American 3-3-4 ("415-555-0199", "(212) 555-0187"); area and exchange start with 2-9.
  northAmerican: /^(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ -])[2-9]\d{2}[ -]\d{4}$/,
  // A national number with a trunk 0 and a 4-digit code ("07700 900456", a UK mobile).
  trunkPrefixed: /^0\d{4}[ -]\d{6}$/,
  internationalLead: /^\(?\+\d/,
  // Mobiles of mainland China, Taiwan, Hong Kong and Macau with an optional country code (+86,
  // 0086, (+886) …), in any grouping by spaces, dots or dashes ("139.1234.5678", "0912-345-678",
  // "+852 9123 4567"). Hong Kong and Macau numbers have 8 digits and need the code to be told
  // apart from other 8-digit numbers.
  greaterChinaMobile: new RegExp(
    [
      String.raw`^(?:(?:\+|00|\(\+)?86\)?[ .-]?)?1[3-9](?:[ .-]?\d){9}$`,
      String.raw`^(?:(?:\+|00|\(\+)?886\)?[ .-]?0?9|09)(?:[ .-]?\d){8}$`,
      String.raw`^(?:\+|00|\(\+)?85[23]\)?[ .-]?[4-9](?:[ .-]?\d){7}$`,
    ].join('|'),
  ),
  // Company hotlines are not masked ("Further borderline decisions"): China's 400/800 numbers and
  // North America's toll-free codes, with or without +86 / +1 in front.
  // Taiwan's 0800/0809 and Hong Kong's 800 numbers too.
  hotline: /^(?:(?:\+?86|\+?1|\+?852)?(?:400|800|8(?:33|44|55|66|77|88))\d{6,7}|080[09]\d{6})$/,
} as const;

const DIGIT_GROUPS = /\d+/g;
const NOT_DIGIT_OR_PLUS = /[^\d+]/g;
const SEPARATORS = /[ -]/g;

/**
 * Mask type of a digit segment, or undefined when its shape is not personal data. `digitCount`
 * is the number of digits in it (an ID's final X is not one); it picks the few shapes worth trying.
 */
export function classifyNumber(segment: string, digitCount: number, idLabelled: boolean): NumberMaskType | undefined {
  if (digitCount === 17 || digitCount === 18) {
    const id = SHAPES.id18.exec(segment);
    return id && isResidentId18(id[1] + id[2] + id[3], idLabelled) ? 'ID' : undefined;
  }
  if (digitCount === 15 && SHAPES.id15.test(segment)) return isResidentId15(segment) ? 'ID' : undefined;
  if ((digitCount === 16 || digitCount === 19) && SHAPES.card.test(segment)) {
    return isBankCard(segment.replace(SEPARATORS, '')) ? 'CARD' : undefined;
  }
  if (digitCount >= 10 && digitCount <= 15 && SHAPES.greaterChinaMobile.test(segment)) return 'PHONE';
  if (digitCount >= 10 && digitCount <= 13) {
    if (SHAPES.cnMobile.test(segment) || SHAPES.cnLandline.test(segment)) return 'PHONE';
    if (SHAPES.hotline.test(segment.replace(NOT_DIGIT_OR_PLUS, ''))) return undefined;
    if (SHAPES.northAmerican.test(segment) || SHAPES.trunkPrefixed.test(segment)) return 'PHONE';
  }
  if (SHAPES.internationalLead.test(segment) && isInternational(segment, digitCount)) return 'PHONE';
  return undefined;
}

/** Digits a labelled number may have: a labelled short code is still not a phone or card. */
const LABELLED_DIGITS: Record<PersonalLabel, [number, number]> = { ID: [15, 18], PHONE: [8, 15], CARD: [12, 19], ACCOUNT: [8, 19] };

/** A Macau resident ID, "1234567(8)": seven digits and a check digit in parentheses. */
const MACAU_ID = /^[1578]\d{6}\(\d\)$/;

/**
 * Mask type of a segment that a personal-number label introduces ("身份证", "手机", "card no."),
 * when its shape alone did not decide: any grouping and any checksum counts. Company hotlines
 * stay unmasked under a phone label.
 */
export function classifyLabelledNumber(segment: string, digitCount: number, label: PersonalLabel): NumberMaskType | undefined {
  if (label === 'ID' && MACAU_ID.test(segment)) return 'ID';
  const [min, max] = LABELLED_DIGITS[label];
  const idDigits = label === 'ID' && /[Xx]$/.test(segment) ? digitCount + 1 : digitCount;
  if (idDigits < min || idDigits > max) return undefined;
  if (label === 'PHONE' && SHAPES.hotline.test(segment.replace(NOT_DIGIT_OR_PLUS, ''))) return undefined;
  return label === 'ACCOUNT' ? 'CARD' : label;
}

// Card networks: 3 (Amex, JCB, Diners), 4 (Visa), 5 (Mastercard), 6 (UnionPay, Discover) and
// Mastercard's 2221–2720 range. Order numbers starting with a year (2024…, 2025…) fall outside it.
function isBankCard(digits: string): boolean {
  const first = digits[0];
  const prefix = Number(digits.slice(0, 4));
  const network = (first >= '3' && first <= '6') || (prefix >= 2221 && prefix <= 2720);
  return network && passesLuhn(digits);
}

// E.164 allows at most 15 digits with the country code; fewer than 9 is not a reachable number.
// When grouped, the country code has 1-3 digits and the last group at least 3, so a stray
// "… 2 times" after a number does not become part of it.
function isInternational(segment: string, total: number): boolean {
  if (total < 9 || total > 15) return false;
  const groups: string[] = segment.match(DIGIT_GROUPS) ?? [];
  if (groups.length === 1) return total >= 10;
  return groups[0].length <= 3 && groups[groups.length - 1].length >= 3;
}
