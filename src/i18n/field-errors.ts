// zod issues → one readable line per field, in the configured language(s). Intake, the local API
// and the settings check all word their field errors here, so a person never reads zod's English.
import type { z } from 'zod';
import { isMessageKey, perLanguage } from './per-language.js';
import type { Translate } from './translate.js';

export interface FieldError { field: string; message: string }

/** "customer.id: 必填 / is required" style entries, naming each bad field. Never throws. */
export function fieldErrors(error: z.ZodError, t: Translate, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: prefix + (issue.path.length ? issue.path.join('.') : '(body)'),
    message: issueText(issue, t),
  }));
}

/**
 * The wording of one issue. A schema may name its own catalogue key as the issue message
 * (`.regex(re, { error: 'validation.database_url' })`); anything else is worded by its code.
 */
export function issueText(issue: z.core.$ZodIssue, t: Translate): string {
  if (isMessageKey(issue.message)) return t(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      // zod does not keep the input (it may be a secret); its own message says what arrived.
      if (issue.message.endsWith('received undefined')) return t('validation.required');
      return t('validation.type', perLanguage('type', String(issue.expected)));
    case 'too_small':
      return sizeText(issue.origin, Number(issue.minimum), issue.inclusive !== false, 'min', t);
    case 'too_big':
      return sizeText(issue.origin, Number(issue.maximum), issue.inclusive !== false, 'max', t);
    case 'invalid_value':
      return t('validation.one_of', { values: issue.values.map(String).join(', ') });
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? t('validation.one_of', { values: issue.options.map(String).join(', ') })
        : t('validation.invalid');
    case 'invalid_format':
      return formatText(issue.format, t);
    case 'unrecognized_keys':
      return t('validation.unknown_keys', { keys: issue.keys.join(', ') });
    default:
      return t('validation.invalid');
  }
}

function sizeText(origin: string, n: number, inclusive: boolean, side: 'min' | 'max', t: Translate): string {
  if (origin === 'string') {
    if (side === 'min' && n <= 1) return t('validation.empty');
    return t(side === 'min' ? 'validation.min_chars' : 'validation.max_chars', { n });
  }
  if (origin === 'array' || origin === 'set') return t(side === 'min' ? 'validation.min_items' : 'validation.max_items', { n });
  if (inclusive) return t(side === 'min' ? 'validation.min_number' : 'validation.max_number', { n });
  return t(side === 'min' ? 'validation.above_number' : 'validation.below_number', { n });
}

function formatText(format: string, t: Translate): string {
  switch (format) {
    case 'datetime': return t('validation.datetime');
    case 'url': return t('validation.url');
    case 'email': return t('validation.email');
    default: return t('validation.format');
  }
}
