// Neutral card → Feishu card JSON 2.0, shared (update_multi) so a patch shows to everyone, and
// fitted under the 30 KB limit. People's words go out as plain_text, never markdown, so a
// customer's text cannot @-mention a whole group. Buttons that need input (Reply, Note, Escalate,
// Close, Reopen) sit in one form with the inputs they submit; the rest are plain buttons.
import { assertNever, type Card, type CardButton, type CardInput, type CardNode } from '../../cards/card.js';
import type { PlatformUser } from '../chat-adapter.js';
import { encodeAction } from '../action-codec.js';
import { FEISHU_LIMITS as L } from './limits.js';

export type FeishuElement = Record<string, unknown> & { tag: string };
export interface FeishuCard { schema: '2.0'; config: Record<string, unknown>; header: Record<string, unknown>; body: { elements: FeishuElement[] } }
/** What im.v1.message.create / reply take: the type and the content as a JSON string. */
export interface FeishuContent { msg_type: 'interactive' | 'text' | 'image' | 'file'; content: string }

/** Header colours: urgent or escalated red, overdue orange, everything else blue. */
const TEMPLATE = { danger: 'red', warning: 'orange', info: 'blue' } as const;
const FORM_NAME = 'fb_form';

export function renderFeishuCard(card: Card): FeishuCard {
  const rendered: FeishuCard = {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: { title: label(cut(card.title, L.title)), template: TEMPLATE[card.tone] },
    body: { elements: bodyElements(card.body) },
  };
  return fitCard(fitComponents(rendered));
}

export function cardContent(card: Card): FeishuContent {
  return { msg_type: 'interactive', content: JSON.stringify(renderFeishuCard(card)) };
}

/** A text message; `<` is defused so only the mentions added here notify anyone. */
export function textContent(text: string, mentions: PlatformUser[] = []): FeishuContent {
  const tags = mentions.map(mentionTag).join(' ');
  const body = cutBytes(text.replace(/</g, '<\u200b'), L.textBytes);
  return { msg_type: 'text', content: JSON.stringify({ text: tags ? `${body}\n${tags}` : body }) };
}

export function mentionTag(user: PlatformUser): string {
  return `<at user_id="${user.userId.replace(/[^\w-]/g, '')}"></at>`;
}

/** Every button of the card gathers where the first button row was: one row of buttons and one form. */
function bodyElements(nodes: CardNode[]): FeishuElement[] {
  const buttons = nodes.flatMap((n) => (n.type === 'actions' ? n.buttons : []));
  const out: FeishuElement[] = [];
  let placed = false;
  for (const node of nodes) {
    if (node.type !== 'actions') out.push(...elements(node));
    else if (!placed) { out.push(...actions(buttons)); placed = true; }
  }
  return out;
}

function elements(node: Exclude<CardNode, { type: 'actions' }>): FeishuElement[] {
  switch (node.type) {
    case 'text': return [div(node.text, node.muted ? { text_color: 'grey' } : {})];
    case 'fields': return [fieldsDiv(node.fields)];
    case 'context': return [div(node.text, { text_color: 'grey', text_size: 'notation' })];
    case 'image':
      // Cards show only pictures uploaded to Feishu (img_key); anything else is named, not shown.
      return node.url.startsWith('img_') ? [{ tag: 'img', img_key: node.url, alt: plain(cut(node.alt, 200)) }] : [div(node.alt || node.url)];
    default: return assertNever(node);
  }
}

function actions(all: CardButton[]): FeishuElement[] {
  const seen = new Set<string>();
  const buttons = all.filter((b) => { const key = encodeAction(b); if (seen.has(key)) return false; seen.add(key); return true; });
  const plainButtons = buttons.filter((b) => !b.inputs?.length);
  const formButtons = buttons.filter((b) => b.inputs?.length);
  const out: FeishuElement[] = [];
  if (plainButtons.length > 0) out.push(buttonRow(plainButtons.slice(0, L.buttonsPerRow).map((b, i) => button(b, `fb_b${i}`))));
  if (formButtons.length > 0) {
    // One input per name: Reply and Note share "text"; Escalate and Reopen share "reason".
    const inputs = new Map<string, CardInput>();
    for (const b of formButtons) for (const i of b.inputs ?? []) if (!inputs.has(i.name)) inputs.set(i.name, i);
    out.push({
      tag: 'form', name: FORM_NAME,
      elements: [...[...inputs.values()].map(input), buttonRow(formButtons.slice(0, L.buttonsPerRow).map((b, i) => button(b, `fb_f${i}`, true)))],
    });
  }
  return out;
}

function buttonRow(buttons: FeishuElement[]): FeishuElement {
  return { tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) };
}

/** Component names must be unique in a card, so buttons are numbered; the action travels in the value. */
function button(b: CardButton, name: string, submit = false): FeishuElement {
  const value = { fb: encodeAction({ action: b.action, itemId: b.itemId }), ...(submit ? { in: (b.inputs ?? []).map((i) => i.name).join(',') } : {}) };
  return {
    tag: 'button', name, text: label(cut(b.label, 40)),
    type: b.style === 'primary' ? 'primary' : b.style === 'danger' ? 'danger' : 'default',
    ...(submit ? { form_action_type: 'submit' } : {}),
    behaviors: [{ type: 'callback', value }],
  };
}

function input(i: CardInput): FeishuElement {
  const placeholder = label(cut(i.label, 100));
  if (i.kind === 'select') {
    return { tag: 'select_static', name: i.name, placeholder, options: (i.options ?? []).map((o) => ({ text: label(cut(o.label, 100)), value: o.value })) };
  }
  // Not `required`: one form serves several buttons, and Close needs no text. The core asks for what is missing.
  return { tag: 'input', name: i.name, placeholder, input_type: 'multiline_text', rows: 2, auto_resize: true, max_length: 1000 };
}

function div(text: string, style: Record<string, string> = {}): FeishuElement {
  return { tag: 'div', text: { ...plain(cut(text, L.elementText)), ...style } };
}

const plain = (content: string) => ({ tag: 'plain_text', content: content || ' ' });

/**
 * A label from the bot's catalogue. With BOT_LANG=both it reads "认领 / Claim"; Feishu's card
 * i18n (`i18n_content`, per component in JSON 2.0) shows each person the half in their client's
 * language, and everyone else the whole.
 */
function label(content: string) {
  const halves = bilingual(content);
  return halves ? { ...plain(content), i18n_content: { zh_cn: halves.zh, en_us: halves.en } } : plain(content);
}

/** "中文 / English" as the catalogue joins both languages: one separator, Chinese before it, none after. */
export function bilingual(text: string): { zh: string; en: string } | undefined {
  const parts = text.split(' / ');
  if (parts.length !== 2) return undefined;
  const [zh, en] = parts as [string, string];
  return /[\u3400-\u9fff]/.test(zh) && !/[\u3400-\u9fff]/.test(en) && en.trim() !== '' ? { zh, en } : undefined;
}

/** Field labels come from the catalogue and get each language's half; values (names, texts) are shown as they are. */
function fieldsDiv(fields: { label: string; value: string }[]): FeishuElement {
  const line = (lang: 'zh' | 'en' | 'both') => fields.map((f) => {
    const halves = lang === 'both' ? undefined : bilingual(f.label);
    return `${halves ? halves[lang as 'zh' | 'en'] : f.label}: ${f.value}`;
  }).join('\n');
  const element = div(line('both'));
  if (!fields.some((f) => bilingual(f.label))) return element;
  const text = element.text as Record<string, unknown>;
  text.i18n_content = { zh_cn: cut(line('zh'), L.elementText), en_us: cut(line('en'), L.elementText) };
  return element;
}

/** Too many components: keep the first texts and every button row and form, drop the middle, and say so. */
function fitComponents(card: FeishuCard): FeishuCard {
  if (countTags(card) <= L.components) return card;
  const interactive = card.body.elements.filter((e) => e.tag === 'column_set' || e.tag === 'form');
  const rest = card.body.elements.filter((e) => e.tag !== 'column_set' && e.tag !== 'form');
  const budget = L.components - countTags(card.header) - countTags(interactive) - 2;
  const kept: FeishuElement[] = [];
  let used = 0;
  for (const element of rest) {
    const size = countTags(element);
    if (used + size > budget - 2) break;
    kept.push(element);
    used += size;
  }
  return { ...card, body: { elements: [...kept, div('…'), ...interactive] } };
}

function countTags(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countTags(v), 0);
  if (!value || typeof value !== 'object') return 0;
  return ('tag' in value ? 1 : 0) + Object.values(value).reduce((n: number, v) => n + countTags(v), 0);
}

/** Over the size limit: shorten every text in proportion to its length until the card fits. */
function fitCard(card: FeishuCard): FeishuCard {
  const texts = card.body.elements.filter((e) => e.tag === 'div').map((e) => e.text as { content: string; i18n_content?: unknown });
  // Too big: the per-language copies of the fields go first; everyone then reads both languages.
  if (Buffer.byteLength(JSON.stringify(card)) > L.cardBytes) for (const text of texts) delete text.i18n_content;
  for (let round = 0; round < 5; round++) {
    const excess = Buffer.byteLength(JSON.stringify(card)) - L.cardBytes;
    if (excess <= 0) break;
    const total = texts.reduce((n, t) => n + Buffer.byteLength(t.content), 0);
    if (total === 0) break;
    const keep = Math.max(0, (total - excess - 256 * (round + 1)) / total);
    for (const text of texts) text.content = cutBytes(text.content, Math.floor(Buffer.byteLength(text.content) * keep)) || ' ';
  }
  return card;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair; "…" marks a cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** At most `max` UTF-8 bytes (JSON escaping counted generously), whole characters only. */
function cutBytes(text: string, max: number): string {
  if (Buffer.byteLength(JSON.stringify(text)) <= max) return text;
  let out = '';
  let bytes = 8;
  for (const ch of text) {
    const size = Buffer.byteLength(JSON.stringify(ch)) - 2;
    if (bytes + size > max) break;
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}
