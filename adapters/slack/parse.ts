// A verified Slack request → Inbound. Three shapes arrive at one URL: Events API JSON, a slash
// command (form fields) and interactivity (a form field `payload` holding JSON). Pure.
import { z } from 'zod';
import { AdapterError, type Inbound, type Origin, type PlatformUser } from '../chat-adapter.js';
import { decodeAction } from '../action-codec.js';
import { FORM_CALLBACK } from './render.js';

const Command = z.object({
  command: z.string().min(1), text: z.string().default(''), user_id: z.string().min(1), user_name: z.string().optional(),
  channel_id: z.string().min(1), channel_name: z.string().optional(), trigger_id: z.string().min(1), response_url: z.string().url().optional(),
});
const User = z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() });
const BlockActions = z.object({
  type: z.literal('block_actions'), trigger_id: z.string().min(1), user: User, response_url: z.string().url().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ message_ts: z.string().optional(), channel_id: z.string().optional() }).passthrough().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() })).min(1),
});
const ViewSubmission = z.object({
  type: z.literal('view_submission'), user: User,
  view: z.object({
    id: z.string().min(1), hash: z.string().optional(), callback_id: z.string(), private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).passthrough())) }),
  }),
});
const Metadata = z.object({ a: z.string(), i: z.string(), c: z.string().optional(), m: z.string().optional() });
const EventEnvelope = z.object({
  type: z.literal('event_callback'), event_id: z.string().min(1),
  event: z.object({ type: z.string() }).passthrough(),
  authorizations: z.array(z.object({ user_id: z.string().optional() }).passthrough()).optional(),
});
const AppMention = z.object({
  type: z.literal('app_mention'), channel: z.string().min(1), user: z.string().min(1), text: z.string(),
  ts: z.string(), thread_ts: z.string().optional(), bot_id: z.never().optional(),
});
const ThreadMessage = z.object({
  type: z.literal('message'), channel: z.string().min(1), user: z.string().min(1), text: z.string().min(1),
  ts: z.string(), thread_ts: z.string(), subtype: z.never().optional(), bot_id: z.never().optional(),
});

export function parseSlackRequest(rawBody: string, contentType: string): Inbound {
  if (contentType.startsWith('application/json')) return parseEvent(json(rawBody));
  if (!contentType.startsWith('application/x-www-form-urlencoded')) throw new AdapterError('bad_request', `unsupported content type ${contentType}`);
  const form = Object.fromEntries(new URLSearchParams(rawBody));
  if (typeof form.payload === 'string') return parseInteraction(json(form.payload));
  if (form.command) return parseCommand(form);
  throw new AdapterError('bad_request', 'neither a command nor an interaction');
}

function parseEvent(body: unknown): Inbound {
  const kind = z.object({ type: z.string() }).safeParse(body);
  if (!kind.success) throw new AdapterError('bad_request', 'event without a type');
  if (kind.data.type === 'url_verification') {
    const check = z.object({ challenge: z.string().min(1).max(500) }).safeParse(body);
    if (!check.success) throw new AdapterError('bad_request', 'url_verification without a challenge');
    return { kind: 'handshake', body: { challenge: check.data.challenge } };
  }
  const envelope = EventEnvelope.safeParse(body);
  if (!envelope.success) return { kind: 'ignored', reason: `event type ${kind.data.type}` };
  if (envelope.data.event.type === 'app_mention') return parseMention(envelope.data);
  const message = ThreadMessage.safeParse(envelope.data.event);
  // Bot messages (ours included) and edits carry bot_id or a subtype; a thread's first message is the card itself.
  if (!message.success || message.data.thread_ts === message.data.ts) return { kind: 'ignored', reason: `event ${envelope.data.event.type}` };
  const m = message.data;
  return {
    kind: 'thread', eventId: envelope.data.event_id, actor: user(m.user),
    chat: { platform: 'slack', chatId: m.channel }, messageRef: m.thread_ts, text: m.text,
  };
}

/**
 * "@Feedback Desk queue" in a channel is a command, answered to the person alone. In a thread the
 * same words also arrive as a `message` event, which records them (a note under a card), so the
 * mention is left alone there and nothing happens twice.
 */
function parseMention(envelope: z.infer<typeof EventEnvelope>): Inbound {
  const m = AppMention.safeParse(envelope.event);
  if (!m.success) return { kind: 'ignored', reason: 'app_mention from a bot or malformed' };
  if (m.data.thread_ts && m.data.thread_ts !== m.data.ts) return { kind: 'ignored', reason: 'app_mention in a thread' };
  const bots = new Set((envelope.authorizations ?? []).map((a) => a.user_id).filter((id): id is string => Boolean(id)));
  // Without authorizations, the mention that opens the text is the bot's.
  const raw = bots.size > 0 ? m.data.text : m.data.text.replace(/^\s*<@[UW][A-Z0-9_]{2,30}(?:\|[^>]*)?>/, '');
  const { text, mentions } = readMentions(raw, bots);
  const chat = { platform: 'slack' as const, chatId: m.data.channel };
  return { kind: 'command', eventId: envelope.event_id, actor: user(m.data.user), chat, text: text.trim(), mentions, origin: { chat } };
}

/** Slack writes a named person as <@U123> (or <@U123|name> when escaping is on); commands read "@U123". `skip` (the bot) is dropped. */
function readMentions(raw: string, skip: Set<string> = new Set()): { text: string; mentions: PlatformUser[] } {
  const mentions: PlatformUser[] = [];
  const text = raw.replace(/<@([UW][A-Z0-9_]{2,30})(?:\|([^>]*))?>/g, (_whole, id: string, name?: string) => {
    if (skip.has(id)) return '';
    if (!mentions.some((m) => m.userId === id)) mentions.push(user(id, name));
    return `@${id}`;
  });
  return { text, mentions };
}

function parseCommand(form: Record<string, string>): Inbound {
  const c = Command.safeParse(form);
  if (!c.success) throw new AdapterError('bad_request', 'slash command without user, channel or trigger');
  const { text, mentions } = readMentions(c.data.text);
  return {
    kind: 'command', eventId: `command:${c.data.trigger_id}`, actor: user(c.data.user_id, c.data.user_name),
    chat: { platform: 'slack', chatId: c.data.channel_id, ...(c.data.channel_name ? { name: c.data.channel_name } : {}) },
    text, mentions, origin: origin(c.data.channel_id, undefined, c.data.trigger_id, c.data.response_url),
  };
}

function parseInteraction(payload: unknown): Inbound {
  const type = z.object({ type: z.string() }).safeParse(payload);
  if (!type.success) throw new AdapterError('bad_request', 'interaction without a type');
  if (type.data.type === 'block_actions') {
    const p = BlockActions.safeParse(payload);
    if (!p.success) throw new AdapterError('bad_request', 'malformed block_actions');
    const click = p.data.actions[0]!;
    const decoded = decodeAction(click.value);
    if (!decoded) return { kind: 'ignored', reason: `button ${click.action_id}` };
    const channel = p.data.channel?.id ?? p.data.container?.channel_id;
    const where = origin(channel, p.data.container?.message_ts, p.data.trigger_id, p.data.response_url);
    const base = { eventId: `click:${p.data.trigger_id}`, actor: user(p.data.user.id, p.data.user.name ?? p.data.user.username), itemId: decoded.itemId, action: decoded.action, origin: where };
    return needsForm(decoded.action) ? { kind: 'form', ...base } : { kind: 'action', ...base, input: {} };
  }
  if (type.data.type === 'view_submission') {
    const p = ViewSubmission.safeParse(payload);
    if (!p.success || p.data.view.callback_id !== FORM_CALLBACK) throw new AdapterError('bad_request', 'malformed view_submission');
    const meta = Metadata.safeParse(safeJson(p.data.view.private_metadata));
    const decoded = meta.success ? decodeAction(`${meta.data.a}:${meta.data.i}`) : null;
    if (!meta.success || !decoded) throw new AdapterError('bad_request', 'view_submission without its item');
    const input: Record<string, string> = {};
    for (const block of Object.values(p.data.view.state.values)) {
      for (const [name, v] of Object.entries(block)) {
        const value = v.selected_option?.value ?? v.value;
        if (typeof value === 'string' && value !== '') input[name] = value;
      }
    }
    return {
      kind: 'action', eventId: `form:${p.data.view.id}:${p.data.view.hash ?? ''}`, actor: user(p.data.user.id, p.data.user.name ?? p.data.user.username),
      itemId: decoded.itemId, action: decoded.action, input, fromForm: true, origin: origin(meta.data.c, meta.data.m),
    };
  }
  return { kind: 'ignored', reason: `interaction ${type.data.type}` };
}

/** Buttons whose action takes input open a modal first; claim and wait act at once. */
function needsForm(action: string): boolean {
  return action !== 'claim' && action !== 'wait';
}

function origin(channel?: string, messageRef?: string, formToken?: string, replyUrl?: string): Origin {
  return {
    ...(channel ? { chat: { platform: 'slack' as const, chatId: channel } } : {}),
    ...(messageRef ? { messageRef } : {}), ...(formToken ? { formToken } : {}), ...(replyUrl ? { replyUrl } : {}),
  };
}

function user(id: string, name?: string): PlatformUser {
  return { platform: 'slack', userId: id, ...(name ? { name } : {}) };
}

function json(text: string): unknown {
  const value = safeJson(text);
  if (value === undefined) throw new AdapterError('bad_request', 'body is not JSON');
  return value;
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
