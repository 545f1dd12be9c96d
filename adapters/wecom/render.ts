// Neutral card → WeCom: a button_interaction template_card for the agents (app messages), and a
// readable markdown summary for the rooms, which take no template_card (app group chats) or send
// no clicks back (group robots). Cut to WeCom's limits (limits.ts). Text people wrote cannot
// mention anyone: WeCom's markdown mention is <@userid>, so angle brackets become full-width.
import type { Card, CardButton, CardField, CardInput, CardNode } from '../../cards/card.js';
import type { FormSpec } from '../chat-adapter.js';
import { encodeAction } from '../action-codec.js';
import { WECOM_LIMITS as L } from './limits.js';

export type WecomBody = Record<string, unknown>;

const TONE_MARK = { danger: '🔴 ', warning: '🟠 ', info: '' } as const;
const SOURCE = { desc: 'Feedback desk', desc_color: 0 };

/** The interactive card for agents; `taskId` is new for every card sent and kept on its updates. Only for cards with buttons. */
export function renderTemplateCard(card: Card, taskId: string): WecomBody {
  const texts = card.body.filter((n): n is Extract<CardNode, { type: 'text' }> => n.type === 'text').map((n) => n.text);
  const fields = card.body.flatMap((n) => (n.type === 'fields' ? n.fields : []));
  // WeCom wants each button's key unique within a card: the same action on the same item twice is one button.
  const buttons = card.body.flatMap((n) => (n.type === 'actions' ? n.buttons : []))
    .filter((b, i, all) => all.findIndex((o) => o.action === b.action && o.itemId === b.itemId) === i).slice(0, L.buttons);
  const context = card.body.flatMap((n) => (n.type === 'context' ? [n.text] : []));
  return {
    card_type: 'button_interaction',
    source: SOURCE,
    main_title: { title: label(`${TONE_MARK[card.tone]}${card.title}`, L.cardTitle), desc: label(context[0] ?? '', L.cardDesc) },
    sub_title_text: cutChars(texts.join('\n') || card.fallback, L.subTitle),
    // Keys in one language always: WeCom's key column is narrow, and a mix of "级别 / Level" beside "状态" reads as a mistake.
    horizontal_content_list: pickFields(fields).map((f) => ({ keyname: cutChars(f.label.split(' / ')[0]!, L.fieldKey), value: cutChars(f.value, L.fieldValue) })),
    task_id: taskId,
    button_list: buttons.map(button),
  };
}

/** A select (resolution code) as a vote card sent to the clicker alone; its submit key names the action. */
export function renderVoteCard(form: FormSpec, input: CardInput, taskId: string): WecomBody {
  return {
    card_type: 'vote_interaction',
    source: SOURCE,
    main_title: { title: cutChars(form.title, L.cardTitle), desc: cutChars(input.label, L.cardDesc) },
    checkbox: {
      question_key: input.name,
      option_list: (input.options ?? []).slice(0, L.voteOptions).map((o, i) => ({ id: o.value, text: cutChars(o.label, L.optionText), is_checked: i === 0 })),
      mode: 0,
    },
    submit_button: { text: cutChars(form.submitLabel, L.buttonText), key: encodeAction({ action: form.action, itemId: form.itemId }) },
    task_id: taskId,
  };
}

/** The room's readable summary: title, the customer's words, every field, the item id. */
export function renderSummary(card: Card): string {
  const lines = [`**${safe(`${TONE_MARK[card.tone]}${card.title}`)}**`];
  for (const node of card.body) {
    if (node.type === 'text' || node.type === 'context') lines.push(node.type === 'context' || node.muted ? `<font color="comment">${safe(node.text)}</font>` : `> ${safe(node.text).replace(/\n/g, '\n> ')}`);
    else if (node.type === 'fields') lines.push(...node.fields.map(fieldLine));
    // A link only to an address anyone can open (PUBLIC_URL); otherwise the picture is named.
    else if (node.type === 'image') lines.push(/^https?:\/\//i.test(node.url) ? `[${safe(node.alt || 'image')}](${node.url})` : `<font color="comment">${safe(node.alt || 'image')}</font>`);
  }
  return cutBytes(lines.join('\n'), L.markdownBytes);
}

/** What a room is told when an item it showed changes: one line, not the whole card again. */
export function renderFollowUp(card: Card): string {
  const fields = card.body.flatMap((n) => (n.type === 'fields' ? n.fields : []));
  // The deadline too, so the room sees a card turn overdue (the room's copy is not updated in place).
  const due = fields.filter((f, i) => i >= 2 && /时限|Due/.test(f.label)).slice(0, 1);
  return cutBytes([`**${safe(card.title)}**`, ...[...fields.slice(0, 2), ...due].map((f) => `${safe(f.label)}: ${safe(f.value)}`), ...assignee(fields)].join(' · '), 512);
}

/** Whether a card has buttons, so agents get it as a template_card. */
export function hasButtons(card: Card): boolean {
  return card.body.some((n) => n.type === 'actions' && n.buttons.length > 0);
}

export function renderText(text: string): string {
  return cutBytes(text, L.textBytes);
}

function assignee(fields: CardField[]): string[] {
  // The last field before the resolution names who holds the item (cards/feedback-card.ts builds them in that order).
  const last = fields.filter((f) => !/resolution|结果/i.test(f.label)).at(-1);
  return last && fields.indexOf(last) >= 2 ? [`${safe(last.label)}: ${safe(last.value)}`] : [];
}

function fieldLine(f: CardField): string {
  return `${safe(f.label)}: <font color="info">${safe(f.value)}</font>`;
}

/** Six rows at most: the first three (priority, status, deadline) and the last three (who holds it, how it ended). */
function pickFields(fields: CardField[]): CardField[] {
  return fields.length <= L.fields ? fields : [...fields.slice(0, L.fields / 2), ...fields.slice(-L.fields / 2)];
}

/** "优先级 / Priority" does not fit a WeCom key, button or card title: the first language's words do. */
function label(text: string, max: number): string {
  const first = text.split(' / ')[0]!;
  return cutChars([...text].length > max ? first : text, max);
}

function button(b: CardButton) {
  return { text: label(b.label, L.buttonText), style: b.style === 'primary' ? 1 : b.style === 'danger' ? 3 : 2, key: encodeAction({ action: b.action, itemId: b.itemId }) };
}

/** Markdown control characters people wrote are shown, not obeyed. */
function safe(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞').replace(/([*_`[\]])/g, '\\$1').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** At most `max` characters (code points), "…" marking a cut; never half a surrogate pair. */
export function cutChars(text: string, max: number): string {
  text = wellFormed(text);
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** At most `max` UTF-8 bytes, cut between characters, "…" marking a cut. */
export function cutBytes(text: string, max: number): string {
  text = wellFormed(text);
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max - 3) break;
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}

/** A lone surrogate (possible only in text from elsewhere) becomes U+FFFD: WeCom takes UTF-8 only. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
