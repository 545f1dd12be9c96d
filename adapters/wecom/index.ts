// The WeCom (企业微信) adapter for one self-built app. Rooms are app group chats (`appchat:<chatid>`)
// or group robots (`robot:<key>`): neither can hold a clickable card, so a room gets the readable
// markdown summary, and the item's button_interaction template_card goes to the agents of that
// room as app messages (`user:<userid>` is the one-to-one app chat). Clicks come back as encrypted
// template_card_event callbacks; the clicked card is updated for everyone who got it with the
// event's ResponseCode (usable once, for 72 h).
import { createHash } from 'node:crypto';
import type { Card } from '../../cards/card.js';
import type { Translate } from '../../src/i18n/translate.js';
import type { Role } from '../../src/domain/types.js';
import {
  AdapterError, PlatformError, type ChatAdapter, type ChatRef, type FileUpload, type FormSpec, type HttpAnswer, type ImageUpload, type Inbound,
  type InboundAnswer, type Origin, type OutboundMessage, type PlatformUser, type RawRequest, type SentRef,
} from '../chat-adapter.js';
import { createWecomClient } from './client.js';
import { WECOM_LIMITS as L } from './limits.js';
import { readWecomEvent } from './parse.js';
import { isCancel, PROMPT_MINUTES, Prompts, type Prompt } from './prompts.js';
import { cutChars, hasButtons, renderFollowUp, renderSummary, renderTemplateCard, renderText, renderVoteCard } from './render.js';
import { openSealed, type Opened } from './seal.js';
import { parseWecomXml, field } from './xml.js';

export interface WecomConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** Server API base; a local fake in tests. */
  apiBase: string;
  /** WeCom user ids who become admins on first use. */
  adminUserIds: string[];
}

export interface WecomAdapterOptions {
  t: Translate;
  /** The WeCom user ids of the agents who act on what a room receives (its interactive cards go to them). */
  recipients(chat: ChatRef): Promise<string[]>;
  log?: { warn(obj: object, msg: string): void };
  /** The clock prompts time out by (the app's clock), in ms. */
  now?: () => number;
}

/** A response code from a send or a click, usable once within 72 h. */
const RESPONSE_CODE_MS = 72 * 3600_000 - 60_000;

export function createWecomAdapter(config: WecomConfig, options: WecomAdapterOptions): ChatAdapter {
  const { t } = options;
  const now = options.now ?? Date.now;
  const client = createWecomClient({ apiBase: config.apiBase, corpId: config.corpId, secret: config.secret });
  const keys = { token: config.token, encodingAesKey: config.encodingAesKey, corpId: config.corpId };
  const prompts = new Prompts();
  // The newest unused response code of each card this process sent or saw clicked.
  const responseCodes = new Map<string, { code: string; until: number }>();
  const timers = new Set<NodeJS.Timeout>();

  const keepCode = (taskId: string, code: unknown) => {
    if (typeof code !== 'string' || code === '') return;
    responseCodes.delete(taskId);
    responseCodes.set(taskId, { code, until: Date.now() + RESPONSE_CODE_MS });
    for (const [key, value] of responseCodes) {
      if (responseCodes.size <= 50_000 && value.until > Date.now()) break;
      responseCodes.delete(key);
    }
  };

  const appMessage = (userIds: string[], body: Record<string, unknown>) => client.post('message/send', {
    touser: userIds.slice(0, L.usersPerSend).join('|'), agentid: config.agentId, ...body,
    // A second guard against doubles: the same body within 30 minutes is delivered once.
    enable_duplicate_check: 1, duplicate_check_interval: 1800,
  });

  async function toRoom(chatId: string, msgtype: 'markdown' | 'text', content: string): Promise<void> {
    const target = parseChatId(chatId);
    const payload = { msgtype, [msgtype]: { content: msgtype === 'text' ? renderText(content) : content } };
    if (target.kind === 'appchat') await client.post('appchat/send', { chatid: target.id, ...payload });
    else if (target.kind === 'robot') await client.robot(target.id, payload);
    else await appMessage([target.id], payload);
  }

  async function tellUser(userId: string, text: string): Promise<void> {
    await appMessage([userId], { msgtype: 'text', text: { content: renderText(text) } });
  }

  async function recipientsOf(chat: ChatRef): Promise<string[]> {
    const target = parseChatId(chat.chatId);
    return target.kind === 'user' ? [target.id] : (await options.recipients(chat)).slice(0, L.usersPerSend);
  }

  async function sendCard(chat: ChatRef, card: Card, readOnly: boolean, idempotencyKey: string): Promise<string> {
    const target = parseChatId(chat.chatId);
    if (target.kind !== 'user') await toRoom(chat.chatId, 'markdown', renderSummary(card));
    const taskId = taskIdFor(idempotencyKey);
    if (readOnly || !hasButtons(card)) {
      if (target.kind === 'user') await toRoom(chat.chatId, 'markdown', renderSummary(card));
      return `room:${taskId}`;
    }
    const users = await recipientsOf(chat);
    if (users.length === 0) return `room:${taskId}`;
    const answer = await appMessage(users, { msgtype: 'template_card', template_card: renderTemplateCard(card, taskId) });
    keepCode(taskId, answer.response_code);
    return taskId;
  }

  /** The agents' card shows the item as it is now, once per response code; no code, no update (the room's line tells it). */
  async function updateCard(chat: ChatRef, taskId: string, card: Card): Promise<void> {
    const held = responseCodes.get(taskId);
    if (!held || held.until < Date.now()) return;
    const users = await recipientsOf(chat);
    const body = hasButtons(card)
      ? { template_card: renderTemplateCard(card, taskId) }
      : { button: { replace_name: cutChars(statusOf(card), L.buttonText) } };
    try {
      await client.post('message/update_template_card', { userids: users, agentid: config.agentId, response_code: held.code, ...body });
      responseCodes.delete(taskId);
    } catch (error) {
      // A used or expired code will not work on a retry either; the room is still told.
      if (!(error instanceof PlatformError) || error.code !== 'rejected') throw error;
      responseCodes.delete(taskId);
      options.log?.warn({ platform: 'wecom', err: error.message }, 'template card not updated');
    }
  }

  function receiveText(userId: string, eventId: string, content: string, now: Date): Inbound {
    const actor = user(userId);
    const here = { platform: 'wecom' as const, chatId: `user:${userId}` };
    const open = prompts.lookup(userId, now.getTime());
    if (open.state === 'open' && isCancel(content)) {
      prompts.close(userId, open.prompt);
      later(tellUser(userId, t('wecom.prompt.cancelled', { title: open.prompt.label })));
      return { kind: 'ignored', reason: 'prompt cancelled' };
    }
    if (open.state === 'open') {
      return {
        kind: 'action', eventId, actor, itemId: open.prompt.itemId, action: open.prompt.action as never,
        input: { [open.prompt.input]: content }, fromForm: true, origin: { chat: here, messageRef: `prompt:${open.prompt.until}` },
      };
    }
    if (open.state === 'expired') {
      prompts.close(userId, open.prompt);
      later(tellUser(userId, t('wecom.prompt.timed_out', { title: open.prompt.label, minutes: PROMPT_MINUTES })));
      return { kind: 'ignored', reason: 'prompt timed out' };
    }
    // `/fb setup feedback appchat:<chatid>` or `robot:<key>` names the room being set up; anything else runs here.
    let chat: ChatRef = here;
    const text = content.replace(/(?:^|\s)((?:appchat|robot):[\w-]{1,128})(?=\s|$)/, (_whole, room: string) => {
      chat = { platform: 'wecom', chatId: room, name: roomName(room) };
      return '';
    });
    const mentions: PlatformUser[] = [...text.matchAll(/@([\w.-]{1,64})/g)].map((m) => user(m[1]!));
    return { kind: 'command', eventId, actor, chat, text, mentions, origin: { chat: here } };
  }

  function later(work: Promise<unknown>): void {
    work.catch((error) => options.log?.warn({ platform: 'wecom', err: String(error) }, 'message to a person failed'));
  }

  async function deliverAnswer(inbound: Inbound, answer: InboundAnswer): Promise<void> {
    if (inbound.kind !== 'action' && inbound.kind !== 'form' && inbound.kind !== 'command') return;
    const userId = inbound.actor.userId;
    const prompt = inbound.kind === 'action' && inbound.fromForm ? prompts.get(userId) : undefined;
    switch (answer.kind) {
      case 'command': {
        const reply = answer.reply;
        if (reply.kind === 'text') return tellUser(userId, reply.text);
        await sendCard({ platform: 'wecom', chatId: `user:${userId}` }, reply.card, false, `reply:${inbound.eventId}`);
        return;
      }
      case 'refused': case 'unknown_user':
        // A refused input leaves its prompt open when the input was at fault, so the person can send it again.
        if (prompt && !(answer.kind === 'refused' && answer.field)) prompts.close(userId, prompt);
        return tellUser(userId, answer.text);
      case 'done':
        if (inbound.kind === 'action' && inbound.fromForm) {
          if (prompt) prompts.close(userId, prompt);
          return tellUser(userId, t('wecom.prompt.done', { title: prompt?.label ?? inbound.itemId }));
        }
        return;
      case 'pending':
        return tellUser(userId, t('chat.working'));
      default:
        return;
    }
  }

  return {
    platform: 'wecom',
    limits: { perChatPerSecond: L.perChatPerSecond },
    answerWithinMs: L.answerWithinMs,
    verifiesUrlByGet: true,

    async receive(req: RawRequest, now: Date): Promise<Inbound> {
      const q = req.query;
      const sealed = { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce };
      if (req.method === 'GET') {
        const opened = refuseUnless(openSealed(keys, { ...sealed, encrypt: q.echostr }, now));
        return { kind: 'handshake', body: opened };
      }
      if (!sealed.signature || !sealed.timestamp || !sealed.nonce) throw new AdapterError('bad_signature', 'missing msg_signature, timestamp or nonce');
      const outer = parseWecomXml(req.rawBody);
      if (!outer.ok) throw new AdapterError('bad_request', outer.reason);
      const message = refuseUnless(openSealed(keys, { ...sealed, encrypt: field(outer.fields, 'Encrypt') }, now));
      const inner = parseWecomXml(message);
      if (!inner.ok) throw new AdapterError('bad_request', `decrypted message: ${inner.reason}`);
      const agentId = field(inner.fields, 'AgentID');
      if (agentId && agentId !== String(config.agentId)) return { kind: 'ignored', reason: `agent ${agentId}` };
      const event = readWecomEvent(inner.fields);
      if (event.type === 'malformed') throw new AdapterError('bad_request', event.reason);
      if (event.type === 'other') return { kind: 'ignored', reason: event.reason };
      if (event.type === 'text') return receiveText(event.userId, event.eventId, event.content, now);
      keepCode(event.taskId, event.responseCode);
      const actor = user(event.userId);
      const origin: Origin = { chat: { platform: 'wecom', chatId: `user:${event.userId}` }, messageRef: event.taskId };
      const { itemId, action } = event.action;
      if (event.selected) return { kind: 'action', eventId: event.eventId, actor, itemId, action, input: { [event.selected.question]: event.selected.option }, fromForm: true, origin };
      if (action === 'claim' || action === 'wait') return { kind: 'action', eventId: event.eventId, actor, itemId, action, input: {}, origin };
      return { kind: 'form', eventId: event.eventId, actor, itemId, action, origin };
    },

    async answer(inbound: Inbound, answer: InboundAnswer): Promise<HttpAnswer> {
      // The plaintext echostr exactly, as text; everything else an empty 200 (no passive reply, no retry).
      if (answer.kind === 'handshake') return { status: 200, body: String(answer.body), headers: { 'content-type': 'text/plain; charset=utf-8' } };
      if (answer.kind === 'duplicate' || answer.kind === 'ignored' || answer.kind === 'form_opened') return { status: 200, body: '' };
      return { status: 200, body: '', after: () => deliverAnswer(inbound, answer) };
    },

    async followUp(inbound: Inbound, answer: InboundAnswer): Promise<void> {
      await deliverAnswer(inbound, answer);
    },

    async send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef> {
      if ('card' in message) return { platform: 'wecom', chatId: chat.chatId, messageRef: await sendCard(chat, message.card, message.readOnly, idempotencyKey) };
      const mentions = (message.mentions ?? []).map(mention).join(' ');
      await toRoom(chat.chatId, 'text', mentions ? `${message.text}\n${mentions}` : message.text);
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(idempotencyKey)}` };
    },

    async update(sent: SentRef, message: OutboundMessage): Promise<void> {
      const chat: ChatRef = { platform: 'wecom', chatId: sent.chatId };
      if (!('card' in message)) return toRoom(sent.chatId, 'text', message.text);
      if (!sent.messageRef.startsWith('room:')) await updateCard(chat, sent.messageRef, message.card);
      if (parseChatId(sent.chatId).kind !== 'user') await toRoom(sent.chatId, 'markdown', renderFollowUp(message.card));
    },

    async openForm(origin: Origin, form: FormSpec): Promise<void> {
      const chatId = origin.chat?.chatId ?? '';
      const target = parseChatId(chatId);
      const input = form.inputs[0];
      if (target.kind !== 'user' || !input) throw new PlatformError('wecom', 'rejected', 'a form needs the person who clicked and one input');
      if (input.kind === 'select') {
        await tellUser(target.id, t('wecom.prompt.choose', { label: input.label, title: form.title }));
        await appMessage([target.id], { msgtype: 'template_card', template_card: renderVoteCard(form, input, taskIdFor(`vote:${form.itemId}:${form.action}:${Date.now()}`)) });
        return;
      }
      const until = now() + PROMPT_MINUTES * 60_000;
      const prompt: Prompt = { itemId: form.itemId, action: form.action, input: input.name, label: form.title, until };
      prompts.set(target.id, prompt);
      await tellUser(target.id, t('wecom.prompt.text', { label: input.label, title: form.title, minutes: PROMPT_MINUTES }));
      // Said when it happens, not only when the late text arrives.
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (prompts.lookup(target.id, now()).state === 'expired') later(tellUser(target.id, t('wecom.prompt.timed_out', { title: form.title, minutes: PROMPT_MINUTES })));
      }, PROMPT_MINUTES * 60_000 + 1000);
      timer.unref();
      timers.add(timer);
    },

    async tell(origin: Origin, who: PlatformUser, message: OutboundMessage): Promise<void> {
      if ('card' in message) await sendCard({ platform: 'wecom', chatId: `user:${who.userId}` }, message.card, true, `tell:${Date.now()}:${Math.random()}`);
      else await tellUser(who.userId, message.text);
    },

    async ping(who: PlatformUser, text: string): Promise<void> {
      await tellUser(who.userId, text);
    },

    async uploadImage(chat: ChatRef, image: ImageUpload): Promise<SentRef> {
      const target = parseChatId(chat.chatId);
      if (target.kind === 'robot') {
        // A robot takes the picture inline (≤ 2 MB), with its MD5.
        await client.robot(target.id, { msgtype: 'image', image: { base64: image.bytes.toString('base64'), md5: createHash('md5').update(image.bytes).digest('hex') } });
      } else {
        // media_id lives 3 days; each picture is uploaded when sent, so none is ever stale.
        const form = new FormData();
        form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.filename.endsWith('.jpg') ? 'image/jpeg' : 'image/png' }), image.filename);
        const uploaded = await client.upload('image', form);
        const body = { msgtype: 'image', image: { media_id: uploaded.media_id } };
        if (target.kind === 'appchat') await client.post('appchat/send', { chatid: target.id, ...body });
        else await appMessage([target.id], body);
      }
      if (image.comment) await toRoom(chat.chatId, 'text', image.comment);
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(`${chat.chatId}:${Date.now()}`)}` };
    },

    mention,

    async uploadFile(chat: ChatRef, file: FileUpload): Promise<SentRef> {
      const target = parseChatId(chat.chatId);
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.filename);
      // A group robot has an upload of its own (no token); its media_id serves only its messages.
      const uploaded = target.kind === 'robot' ? await client.robotUpload(target.id, form) : await client.upload('file', form);
      const body = { msgtype: 'file', file: { media_id: uploaded.media_id } };
      if (target.kind === 'robot') await client.robot(target.id, body);
      else if (target.kind === 'appchat') await client.post('appchat/send', { chatid: target.id, ...body });
      else await appMessage([target.id], body);
      if (file.comment) await toRoom(chat.chatId, 'text', file.comment);
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(`${chat.chatId}:file:${Date.now()}`)}` };
    },

    async identify(who: PlatformUser): Promise<{ name: string; role: Role }> {
      const role: Role = config.adminUserIds.includes(who.userId) ? 'admin' : 'agent';
      try {
        const info = await client.get('user/get', { userid: who.userId });
        return { name: typeof info.name === 'string' && info.name ? info.name : who.userId, role };
      } catch {
        // Without the contacts permission (or with WeCom down) the person still gets in, named by their id.
        return { name: who.name ?? who.userId, role };
      }
    },
  };
}

type Target = { kind: 'appchat' | 'robot' | 'user'; id: string };

export function parseChatId(chatId: string): Target {
  const at = chatId.indexOf(':');
  const kind = chatId.slice(0, at);
  const id = chatId.slice(at + 1);
  if ((kind === 'appchat' || kind === 'robot' || kind === 'user') && id) return { kind, id };
  throw new PlatformError('wecom', 'rejected', `not a WeCom chat id: ${kind || chatId.slice(0, 20)}`);
}

/** A robot's key is its credential: its name shows only the last four characters. */
function roomName(chatId: string): string {
  return chatId.startsWith('robot:') ? `robot …${chatId.slice(-4)}` : chatId;
}

/** The same outbox row always yields the same task_id: [0-9A-Za-z_-@], ≤ 128 bytes, never reused for another card. */
function taskIdFor(key: string): string {
  return `fb_${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

function refuseUnless(opened: Opened): string {
  if (opened.ok) return opened.message;
  const forged = opened.reason === 'missing_params' || opened.reason === 'bad_signature' || opened.reason === 'stale';
  throw new AdapterError(forged ? 'bad_signature' : 'bad_request', opened.reason);
}

function statusOf(card: Card): string {
  const fields = card.body.flatMap((n) => (n.type === 'fields' ? n.fields : []));
  return fields.find((f) => /状态|status/i.test(f.label))?.value ?? card.title;
}

function mention(who: PlatformUser): string {
  return `<@${who.userId}>`;
}

function user(userId: string): PlatformUser {
  return { platform: 'wecom', userId };
}
