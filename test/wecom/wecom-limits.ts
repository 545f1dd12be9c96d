// WeCom's limits as a check over what the renderers produce, for the render tests and the
// adapter conformance suite: a list of the limits a card or summary breaks (none = within).
import type { Card } from '../../cards/card.js';
import { WECOM_LIMITS as L } from '../../adapters/wecom/limits.js';
import { hasButtons, renderSummary, renderTemplateCard } from '../../adapters/wecom/render.js';

const chars = (s: string) => [...s].length;
const isWhole = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export function wecomLimitViolations(card: Card): string[] {
  const out: string[] = [];
  const summary = renderSummary(card);
  if (Buffer.byteLength(summary) > L.markdownBytes) out.push(`summary ${Buffer.byteLength(summary)} bytes`);
  if (!isWhole(summary)) out.push('summary splits a surrogate pair');
  if (!hasButtons(card)) return out;
  const t = renderTemplateCard(card, 'fb_0123456789abcdefghijABCDEFGHIJ_-') as any;
  if (chars(t.main_title.title) > L.cardTitle) out.push('title');
  if (chars(t.main_title.desc) > L.cardDesc) out.push('desc');
  if (chars(t.sub_title_text) > L.subTitle) out.push('sub_title_text');
  if (t.horizontal_content_list.length > L.fields) out.push('fields');
  for (const f of t.horizontal_content_list) if (chars(f.keyname) > L.fieldKey || chars(f.value) > L.fieldValue) out.push('field text');
  if (t.button_list.length < 1 || t.button_list.length > L.buttons) out.push('buttons');
  for (const b of t.button_list) {
    if (chars(b.text) > L.buttonText) out.push('button text');
    if (Buffer.byteLength(b.key) > L.buttonKeyBytes) out.push('button key');
    if (![1, 2, 3, 4].includes(b.style)) out.push('button style');
  }
  const keys = t.button_list.map((b: { key: string }) => b.key);
  if (new Set(keys).size !== keys.length) out.push('button keys repeat');
  const text = JSON.stringify(t);
  if (!isWhole(text)) out.push('template_card splits a surrogate pair');
  return out;
}
