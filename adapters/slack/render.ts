// Neutral card → Block Kit, cut to Slack's limits (limits.ts). Text people wrote goes out as
// plain_text so a customer cannot ping a channel with "<!channel>"; only labels use mrkdwn.
import { assertNever, type Card, type CardButton, type CardField, type CardInput, type CardNode } from '../../cards/card.js';
import type { FormSpec, Origin } from '../chat-adapter.js';
import { encodeAction } from '../action-codec.js';
import { SLACK_LIMITS as L } from './limits.js';

export type SlackBlock = Record<string, unknown> & { type: string };
export interface SlackMessage { text: string; blocks: SlackBlock[] }

/** Marks that make urgent and overdue cards stand out in a busy channel. */
const TONE_MARK = { danger: '🔴 ', warning: '🟠 ', info: '' } as const;

export interface RenderOptions {
  /** Command answers (/fb show) split long text over several blocks instead of cutting it. */
  whole?: boolean;
}

export function renderSlackCard(card: Card, options: RenderOptions = {}): SlackMessage {
  const mark = TONE_MARK[card.tone];
  const header: SlackBlock = { type: 'header', text: plain(cut(`${mark}${card.title}`, L.headerText)) };
  const body = card.body.flatMap((node) => slackBlocks(node, options));
  return { text: wellFormed(cut(`${mark}${card.fallback}`, L.messageText)) || ' ', blocks: fitBlocks([header, ...body], L.blocks) };
}

/** Plain words, escaped, and then `mentions` as they are (`<@U123>`), so those people are notified. */
export function renderSlackText(text: string, mentions: string[] = []): SlackMessage {
  const sections: SlackBlock[] = splitText(text, L.sectionText, true).slice(0, L.blocks - 1).map((part) => ({ type: 'section', text: mrkdwn(part) }));
  if (mentions.length > 0) sections.push({ type: 'section', text: mrkdwn(mentions.join(' ').slice(0, L.sectionText)) });
  const tail = mentions.length > 0 ? `\n${mentions.join(' ')}` : '';
  return { text: wellFormed(cut(escapeMrkdwn(text), L.messageText - tail.length) + tail) || ' ', blocks: sections };
}

function slackBlocks(node: CardNode, options: RenderOptions): SlackBlock[] {
  switch (node.type) {
    case 'text': {
      const parts = options.whole ? splitText(node.text, L.sectionText) : [cut(node.text, L.sectionText)];
      return parts.map((part) => node.muted ? { type: 'context', elements: [plain(cut(part, L.contextText))] } : { type: 'section', text: plain(part) });
    }
    case 'fields':
      return chunk(node.fields, L.sectionFields).map((fields) => ({ type: 'section', fields: fields.map(field) }));
    case 'actions':
      return chunk(node.buttons, L.actionElements).map((buttons) => ({ type: 'actions', elements: buttons.map((b, i) => button(b, i)) }));
    case 'image':
      // Slack loads the picture from its own servers: only a whole web address it can fetch
      // (PUBLIC_URL) is drawn; otherwise the picture is named, and the card stays valid.
      if (!/^https?:\/\//i.test(node.url) || node.url.length > L.imageUrl) return [{ type: 'context', elements: [plain(cut(node.alt || '-', L.contextText))] }];
      return [{ type: 'image', image_url: node.url, alt_text: wellFormed(cut(node.alt || '-', L.altText)) }];
    case 'context': {
      const parts = options.whole ? splitText(node.text, L.contextText) : [cut(node.text, L.contextText)];
      return parts.map((part) => ({ type: 'context', elements: [plain(part)] }));
    }
    default:
      return assertNever(node);
  }
}

/** The modal for a button that needs input; private_metadata says which item, action and card. */
export function renderSlackForm(form: FormSpec, origin: Origin): Record<string, unknown> {
  const metadata = JSON.stringify({ a: form.action, i: form.itemId, c: origin.chat?.chatId, m: origin.messageRef });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    title: plain(cut(form.title, L.modalTitle)),
    submit: plain(cut(form.submitLabel, L.modalButton)),
    private_metadata: metadata.slice(0, L.privateMetadata),
    blocks: form.inputs.map(input),
  };
}

export const FORM_CALLBACK = 'fb_form';

function input(i: CardInput): SlackBlock {
  const element = i.kind === 'select'
    ? { type: 'static_select', action_id: i.name, options: (i.options ?? []).slice(0, L.selectOptions).map((o) => ({ text: plain(cut(o.label, L.optionText)), value: o.value.slice(0, L.optionValue) })) }
    : { type: 'plain_text_input', action_id: i.name, multiline: true, max_length: L.inputMaxLength };
  // Slack cannot say "this or that": an either-or input is optional and the core asks for what is missing.
  return { type: 'input', block_id: i.name, optional: !i.required || Boolean(i.requiredUnless), label: plain(cut(i.label, L.inputLabel)), element };
}

function field(f: CardField) {
  const label = `*${cut(f.label, 200, true)}*\n`;
  return mrkdwn(label + cut(f.value, L.fieldText - label.length, true));
}

/** action_id must be unique within its block; the value carries what the button does. */
function button(b: CardButton, index: number) {
  return {
    type: 'button', action_id: `fb:${b.action}:${index}`.slice(0, L.actionId), text: plain(cut(b.label, L.buttonText)),
    value: encodeAction({ action: b.action, itemId: b.itemId }).slice(0, L.buttonValue), ...(b.style ? { style: b.style } : {}),
  };
}

/** Over the block limit: keep the header and the buttons, drop the middle, and say something was left out. */
function fitBlocks(blocks: SlackBlock[], max: number): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions');
  const rest = blocks.filter((b) => b.type !== 'actions');
  return [...rest.slice(0, max - actions.length - 1), { type: 'context', elements: [plain('…')] }, ...actions];
}

const plain = (text: string) => ({ type: 'plain_text', text: wellFormed(text) || ' ', emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: wellFormed(text) || ' ' });

/** A lone surrogate (a broken emoji from a bad client) becomes U+FFFD instead of a rejected message. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Slack's three control characters in mrkdwn; everything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` UTF-16 units (counted after escaping when `escape` is set), never splitting an
 * emoji, another surrogate pair or an escape; "…" marks a cut.
 */
export function cut(text: string, max: number, escape = false): string {
  const whole = escape ? escapeMrkdwn(text) : text;
  if (whole.length <= max) return whole;
  return `${splitText(text, max - 1, escape)[0] ?? ''}…`;
}

/** Consecutive parts of at most `max` UTF-16 units each, split between characters. */
export function splitText(text: string, max: number, escape = false): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    const piece = escape ? escapeMrkdwn(ch) : ch;
    if (current.length + piece.length > max) { parts.push(current); current = ''; }
    current += piece;
  }
  return [...parts, current];
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
