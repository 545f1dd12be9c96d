// The core's decision → what Slack expects in the HTTP answer (3 s): an empty 200, a challenge,
// an ephemeral command answer, field errors in a modal; and what goes out after it (a refusal
// shown only to the clicker with chat.postEphemeral, a late command answer through response_url).
import type { Reply } from '../../commands/command.js';
import type { HttpAnswer, Inbound, InboundAnswer, OutboundMessage } from '../chat-adapter.js';
import { renderSlackCard, renderSlackText, type SlackMessage } from './render.js';

export interface AnswerTools {
  /** Shows a message to one person where they acted (chat.postEphemeral or response_url). */
  tell(inbound: Inbound, message: OutboundMessage): Promise<void>;
  working: string;
}

export function answerSlack(inbound: Inbound, answer: InboundAnswer, tools: AnswerTools): HttpAnswer {
  switch (answer.kind) {
    case 'handshake': return { status: 200, body: answer.body };
    case 'duplicate': return { status: 200, headers: { 'x-slack-no-retry': '1' } };
    case 'ignored': case 'done': case 'form_opened': return { status: 200 };
    case 'pending':
      if (fromEvent(inbound)) return { status: 200, after: () => tools.tell(inbound, { text: tools.working }) };
      return { status: 200, body: ephemeral(renderSlackText(tools.working)) };
    case 'command':
      if (fromEvent(inbound)) return { status: 200, after: () => tools.tell(inbound, replyMessage(answer.reply)) };
      return { status: 200, body: ephemeral(renderReply(answer.reply)) };
    case 'unknown_user':
    case 'refused': {
      const field = answer.kind === 'refused' ? answer.field : undefined;
      if (inbound.kind === 'command' && !fromEvent(inbound)) return { status: 200, body: ephemeral(renderSlackText(answer.text)) };
      // A form stays open with the reason beside the input at fault, so nothing typed is lost.
      if (inbound.kind === 'action' && inbound.fromForm) {
        const block = field ?? Object.keys(inbound.input)[0];
        if (block) return { status: 200, body: { response_action: 'errors', errors: { [block]: answer.text.slice(0, 2000) } } };
      }
      return { status: 200, after: () => tools.tell(inbound, { text: answer.text }) };
    }
  }
}

/** A command from an @-mention (an Events API event): Slack reads nothing from the HTTP answer, so the reply is posted. */
export function fromEvent(inbound: Inbound): boolean {
  return inbound.kind === 'command' && !inbound.origin?.replyUrl;
}

export function replyMessage(reply: Reply): OutboundMessage {
  return reply.kind === 'card' ? { card: reply.card, readOnly: true } : { text: reply.text };
}

export function renderReply(reply: Reply): SlackMessage {
  return reply.kind === 'card' ? renderSlackCard(reply.card, { whole: true }) : renderSlackText(reply.text);
}

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral', ...message };
}
