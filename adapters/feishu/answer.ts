// The core's decision → Feishu's HTTP answer (3 s). A card click is answered with a toast only the
// clicker sees (done, or why not) and, when something changed, the card as it is now; a message
// to the bot is acknowledged with `{}` and its answer follows as a reply in the chat.
import type { Card } from '../../cards/card.js';
import type { Reply } from '../../commands/command.js';
import type { CommandInbound, HttpAnswer, Inbound, InboundAnswer } from '../chat-adapter.js';
import { FEISHU_LIMITS as L } from './limits.js';
import { cardContent, cut, renderFeishuCard, textContent, type FeishuContent } from './render.js';

export interface FeishuAnswerTools {
  /** Answers a message in its chat (im.v1.message.reply). */
  reply(inbound: Inbound, content: FeishuContent): Promise<void>;
  workingText: string;
  doneText: string;
}

export function answerFeishu(inbound: Inbound, answer: InboundAnswer, tools: FeishuAnswerTools): HttpAnswer {
  if (answer.kind === 'handshake') return { status: 200, body: answer.body };
  if (inbound.kind === 'action' || inbound.kind === 'form') return { status: 200, body: clickAnswer(answer, tools) };
  const asked = askedBy(inbound);
  if (!asked) return { status: 200, body: {} };
  const content = commandContent(answer);
  return { status: 200, body: {}, ...(content ? { after: () => tools.reply(asked, content) } : {}) };
}

/** The message to answer: a command, or a thread message that turned out to be one (or was refused as a note). */
export function askedBy(inbound: Inbound): CommandInbound | undefined {
  return inbound.kind === 'command' ? inbound : inbound.kind === 'thread' ? inbound.otherwise : undefined;
}

/** What a late or immediate command answer says in the chat; nothing for a duplicate or an ignored message. */
export function commandContent(answer: InboundAnswer): FeishuContent | undefined {
  switch (answer.kind) {
    case 'command': return replyContent(answer.reply);
    case 'refused': case 'unknown_user': return textContent(answer.text);
    default: return undefined;
  }
}

export function replyContent(reply: Reply): FeishuContent {
  return reply.kind === 'card' ? cardContent(reply.card) : textContent(reply.text);
}

function clickAnswer(answer: InboundAnswer, tools: FeishuAnswerTools): Record<string, unknown> {
  switch (answer.kind) {
    case 'done': return { toast: toast('success', tools.doneText), ...(answer.card ? { card: raw(answer.card) } : {}) };
    case 'refused': case 'unknown_user': return { toast: toast('error', answer.text) };
    case 'pending': return { toast: toast('info', tools.workingText) };
    default: return {};
  }
}

function toast(type: 'success' | 'error' | 'info', content: string) {
  return { type, content: cut(content, L.toast) };
}

function raw(card: Card) {
  return { type: 'raw', data: renderFeishuCard(card) };
}
