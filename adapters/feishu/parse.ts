// A verified, decrypted Feishu body → Inbound. Two schema-2.0 shapes arrive at one URL: messages
// to the bot (im.message.receive_v1, read as commands) and card clicks (card.action.trigger). Pure.
import { z } from 'zod';
import { AdapterError, type CommandInbound, type FormInput, type Inbound, type Origin, type PlatformUser } from '../chat-adapter.js';
import { decodeAction } from '../action-codec.js';

const Header = z.object({ event_id: z.string().min(1).max(200), event_type: z.string() });
const UserId = z.object({ open_id: z.string().min(1).max(200) });
const Mention = z.object({ key: z.string().min(1).max(50), id: z.object({ open_id: z.string().max(200).optional() }).passthrough(), name: z.string().max(200).optional() });
const MessageEvent = z.object({
  sender: z.object({ sender_id: UserId.passthrough(), sender_type: z.string() }),
  message: z.object({
    message_id: z.string().min(1).max(200), chat_id: z.string().min(1).max(200), chat_type: z.string(),
    root_id: z.string().max(200).optional(), parent_id: z.string().max(200).optional(),
    message_type: z.string(), content: z.string().max(200_000), mentions: z.array(Mention).max(100).optional(),
  }),
});
const CardAction = z.object({
  operator: UserId.passthrough(),
  action: z.object({ value: z.unknown(), tag: z.string().optional(), form_value: z.record(z.string(), z.unknown()).optional() }),
  context: z.object({ open_message_id: z.string().max(200).optional(), open_chat_id: z.string().max(200).optional() }).optional(),
});
/** What a card button carries: the encoded action and the names of the form inputs it submits. */
const ButtonValue = z.object({ fb: z.string(), in: z.string().optional() });

export function parseFeishuBody(body: Record<string, unknown>): Inbound {
  if (body.type === 'url_verification') {
    const check = z.object({ challenge: z.string().min(1).max(500) }).safeParse(body);
    if (!check.success) throw new AdapterError('bad_request', 'url_verification without a challenge');
    return { kind: 'handshake', body: { challenge: check.data.challenge } };
  }
  if (body.schema !== '2.0') return { kind: 'ignored', reason: 'event schema 1.0' };
  const header = Header.safeParse(body.header);
  if (!header.success) throw new AdapterError('bad_request', 'event without an id or type');
  const { event_id: eventId, event_type: type } = header.data;
  if (type === 'im.message.receive_v1') return parseMessage(eventId, body.event);
  if (type === 'card.action.trigger') return parseCardAction(eventId, body.event);
  return { kind: 'ignored', reason: `event ${type}` };
}

function parseMessage(eventId: string, event: unknown): Inbound {
  const e = MessageEvent.safeParse(event);
  if (!e.success) throw new AdapterError('bad_request', 'malformed im.message.receive_v1');
  const { sender, message } = e.data;
  if (sender.sender_type !== 'user') return { kind: 'ignored', reason: `message from ${sender.sender_type}` };
  if (message.message_type === 'image') return parseThreadPicture(eventId, sender.sender_id.open_id, message);
  if (message.message_type !== 'text') return { kind: 'ignored', reason: `message type ${message.message_type}` };
  const content = z.object({ text: z.string() }).safeParse(safeJson(message.content));
  if (!content.success) throw new AdapterError('bad_request', 'text message without text');
  const mentions: PlatformUser[] = [];
  let text = content.data.text;
  // Feishu writes a named person as "@_user_1" and lists who that is; commands read "@<open_id>".
  for (const m of message.mentions ?? []) {
    const openId = m.id.open_id;
    if (openId && !mentions.some((u) => u.userId === openId)) mentions.push(user(openId, m.name));
    text = text.split(m.key).join(openId ? `@${openId}` : '');
  }
  const addressed = message.chat_type === 'p2p' || (message.mentions?.length ?? 0) > 0 || /^\s*\/?fb\b/i.test(text);
  const chat = { platform: 'feishu' as const, chatId: message.chat_id };
  const command: CommandInbound = {
    kind: 'command', eventId, actor: user(sender.sender_id.open_id), chat, text: text.trim(), mentions,
    origin: { chat, messageRef: message.message_id },
  };
  // A reply in a thread (root_id: the thread's first message) may be talk under a card: an
  // internal note, unless it is plainly a command. The core knows which messages are cards.
  const root = message.root_id || message.parent_id;
  if (root && message.chat_type === 'group') {
    const note = noteText(content.data.text, message.mentions ?? []);
    if (/^\/?fb\b/i.test(note) || !note) return addressed ? command : { kind: 'ignored', reason: 'empty thread message' };
    return { kind: 'thread', eventId, actor: command.actor, chat, messageRef: root, text: note, ...(addressed ? { otherwise: command } : {}) };
  }
  // With the "all group messages" permission every line in the group arrives; only those meant for the bot are commands.
  if (!addressed) return { kind: 'ignored', reason: 'group message not addressed to the bot' };
  return command;
}

/**
 * A picture posted in a card's thread is kept with the item's note (the core checks the thread is
 * a card's). Feishu delivers it only with the "all group messages" permission: an image message
 * cannot mention the bot.
 */
function parseThreadPicture(eventId: string, openId: string, message: z.infer<typeof MessageEvent>['message']): Inbound {
  const root = message.root_id || message.parent_id;
  if (!root || message.chat_type !== 'group') return { kind: 'ignored', reason: 'picture outside a card thread' };
  const content = z.object({ image_key: z.string().min(1).max(200) }).safeParse(safeJson(message.content));
  if (!content.success) throw new AdapterError('bad_request', 'image message without an image_key');
  return {
    kind: 'thread', eventId, actor: user(openId), chat: { platform: 'feishu', chatId: message.chat_id }, messageRef: root, text: '',
    picture: { messageRef: message.message_id, key: content.data.image_key },
  };
}

/** A note reads as people wrote it: the mentions that open it (the bot, addressed) dropped, the rest as "@name". */
function noteText(text: string, mentions: z.infer<typeof Mention>[]): string {
  let out = text;
  for (;;) {
    const lead = mentions.find((m) => out.trimStart().startsWith(m.key));
    if (!lead) break;
    out = out.trimStart().slice(lead.key.length);
  }
  for (const m of mentions) out = out.split(m.key).join(`@${m.name ?? ''}`);
  return out.trim();
}

function parseCardAction(eventId: string, event: unknown): Inbound {
  const e = CardAction.safeParse(event);
  if (!e.success) throw new AdapterError('bad_request', 'malformed card.action.trigger');
  const { operator, action, context } = e.data;
  const value = ButtonValue.safeParse(typeof action.value === 'string' ? safeJson(action.value) : action.value);
  const decoded = value.success ? decodeAction(value.data.fb) : null;
  if (!value.success || !decoded) return { kind: 'ignored', reason: `card element ${action.tag ?? ''}` };
  const origin: Origin = {
    ...(context?.open_chat_id ? { chat: { platform: 'feishu' as const, chatId: context.open_chat_id } } : {}),
    ...(context?.open_message_id ? { messageRef: context.open_message_id } : {}),
  };
  const input: FormInput = {};
  for (const name of (value.data.in ?? '').split(',').filter(Boolean)) {
    const v = action.form_value?.[name];
    // Text inputs give a string, a single select its value; an empty input is left out so the core asks for it.
    if (typeof v === 'string' && v.trim() !== '') input[name] = v;
  }
  return {
    kind: 'action', eventId, actor: user(operator.open_id), itemId: decoded.itemId, action: decoded.action, input, origin,
    ...(action.form_value ? { fromForm: true } : {}),
  };
}

function user(openId: string, name?: string): PlatformUser {
  return { platform: 'feishu', userId: openId, ...(name ? { name } : {}) };
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
