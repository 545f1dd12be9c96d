// Labels used as parameters inside a sentence must be filled in the sentence's own language:
// filling a bilingual "回复 / Reply" into both halves of a "zh / en" line would garble both.
import { catalogue, type Message, type MessageKey } from './catalogue.js';
import type { Params } from './translate.js';

/**
 * `{ <last>_zh, <last>_en }` for a label, where <last> is the prefix's last segment ("do", "state",
 * "type"): a template uses the half that matches its own language. A value without an entry is
 * used as it is in both.
 */
export function perLanguage(prefix: string, value: string): Params {
  const name = prefix.slice(prefix.lastIndexOf('.') + 1);
  const key = `${prefix}.${value}`;
  const message: Message = isMessageKey(key) ? catalogue[key] : { zh: value, en: value };
  return { [`${name}_zh`]: message.zh, [`${name}_en`]: message.en };
}

export function isMessageKey(key: string): key is MessageKey {
  // Own properties only: "topic.constructor" must not find Object.prototype.
  return Object.hasOwn(catalogue, key);
}
