// Checksums that tell a real card or resident ID apart from an order number of the same length.
// LABELS.md §5: every card case passes Luhn; every ID case has a valid area code, date and check digit.

/** True when the digit string passes the Luhn (mod 10) check used by bank cards. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// GB 11643: province codes of mainland China (11–65), Taiwan (71), Hong Kong (81), Macao (82),
// the Hong Kong/Macao/Taiwan residence permits (83) and overseas (91).
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** 18-character resident ID: province, birth date and (unless `skipCheckDigit`) the mod-11 check character. */
export function isResidentId18(id: string, skipCheckDigit = false): boolean {
  if (!hasProvince(id) || !isBirthDate(id.slice(6, 14))) return false;
  if (skipCheckDigit) return true;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11] === id[17].toUpperCase();
}

/** Old 15-digit resident ID (issued before 1999): province and a 19YYMMDD birth date; it has no check digit. */
export function isResidentId15(id: string): boolean {
  return hasProvince(id) && isBirthDate(`19${id.slice(6, 12)}`);
}

function hasProvince(id: string): boolean {
  return PROVINCE_CODES.has(Number(id.slice(0, 2)));
}

function isBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
