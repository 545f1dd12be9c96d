// Refusals are data inside the domain; this is the edge where they become words, in whichever
// language(s) the Translate was made for: "已被 李伟 认领 / already claimed by Li Wei".
import { isMessageKey, perLanguage } from '../i18n/per-language.js';
import type { Params, Translate } from '../i18n/translate.js';
import type { ActionName, ItemState, Refusal } from './types.js';

/**
 * The sentence shown to whoever was refused. Pure; never throws (an unknown `input_required`
 * field is shown by its raw name).
 */
export function refusalText(refusal: Refusal, t: Translate): string {
  switch (refusal.code) {
    case 'already_claimed':
      return t('refusal.already_claimed', { name: refusal.by.name });
    case 'not_assignee':
      return refusal.action
        ? t('refusal.not_assignee.action', { name: refusal.assignee.name, ...doParams(refusal.action) })
        : t('refusal.not_assignee', { name: refusal.assignee.name });
    case 'supervisor_only':
      return refusal.state
        ? t('refusal.supervisor_only.state', { ...doParams(refusal.action), ...stateParams(refusal.state) })
        : t('refusal.supervisor_only', doParams(refusal.action));
    case 'not_in_state':
      return t('refusal.not_in_state', { ...doParams(refusal.action), ...stateParams(refusal.state) });
    case 'input_required':
      return t('refusal.input_required', perLanguage('refusal.field', refusal.field));
    default:
      return assertNever(refusal);
  }
}

/** Families of labels in the catalogue, keyed `<prefix>.<value>`. */
export type LabelPrefix = 'event' | 'state' | 'action' | 'resolution' | 'priority' | 'kind' | 'sentiment' | 'topic' | 'role' | 'tier' | 'purpose';

/**
 * The catalogue label for `value` (e.g. `labelOf(t, 'topic', 'refund')` → "退款 / Refund").
 * A value without an entry — an operator's own topic such as "packaging" — is shown as it is,
 * because operators name custom topics in the words their team already reads.
 */
export function labelOf(t: Translate, prefix: LabelPrefix, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

function doParams(action: ActionName): Params {
  return perLanguage('refusal.do', action);
}

function stateParams(state: ItemState): Params {
  const { state_zh, state_en } = perLanguage('state', state);
  // State names are title-case labels; inside an English sentence they read lower-case.
  return { state_zh: String(state_zh), state_en: String(state_en).toLowerCase() };
}

function assertNever(value: never): never {
  throw new TypeError(`Unknown refusal: ${JSON.stringify(value)}`);
}
