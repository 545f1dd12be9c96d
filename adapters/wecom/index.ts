// The WeCom (企业微信) adapter for one self-built app. Rooms are app group chats (`appchat:<chatid>`)
// or group robots (`robot:k1.<sealed key>`, rooms.ts): neither can hold a clickable card, so a room gets the readable
// markdown summary, and the item's button_interaction template_card goes to the agents of that
// room as app messages (`user:<userid>` is the one-to-one app chat). Clicks come back as encrypted
// template_card_event callbacks; the clicked card is updated for everyone who got it with the
// event's ResponseCode (usable once, for 72 h). What outlives a request (response codes, prompts,
// the per-member pace) is in WecomState, shared by every instance.
import { createHash, randomUUID } from 'node:crypto';
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
import { isCancel, PROMPT_MINUTES, type Prompt } from './prompts.js';
import type { RobotKeySeal } from './robot-key.js';
import { parseChatId, takeRoom } from './rooms.js';
import type { WecomState } from './state.js';
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
  /** Response codes, prompts and the per-member pace, shared by every instance (src/wecom-state.ts). */
  state: WecomState;
  /** Seals group robot webhook keys into chat ids (a key made from ENCRYPTION_KEY). */
  robotKeys: RobotKeySeal;
  log?: { warn(obj: object, msg: string): void };
  /** The clock prompts time out by (the app's clock), in ms. */
  now?: () => number;
  /** Stops the adapter's timers (the app aborts it when it closes). */
  signal?: AbortSignal;
}

/** A response code from a send or a click, usable once within 72 h. */
const RESPONSE_CODE_MS = 72 * 3600_000 - 60_000;
/** How often prompts that ran out are looked for (also those another instance or a previous run opened). */
const PROMPT_SWEEP_MS = 30_000;

export function createWecomAdapter(config: WecomConfig, options: WecomAdapterOptions): ChatAdapter {
  const { t, state, robotKeys } = options;
  const now = options.now ?? Date.now;
  const client = createWecomClient({ apiBase: config.apiBase, corpId: config.corpId, secret: config.secret });
  const keys = { token: config.token, encodingAesKey: config.encodingAesKey, corpId: config.corpId };
  const target = (chatId: string) => parseChatId(chatId, robotKeys);
  // The prompt a text answered, from receive() to the answer of the same request (same process).
  const answering = new Map<string, { userId: string; prompt: Prompt }>();
  const timers = new Set<NodeJS.Timeout>();

  const keepCode = async (taskId: string, code: unknown) => {
    if (typeof code === 'string' && code !== '') await state.keepResponseCode(taskId, code, now() + RESPONSE_CODE_MS);
  };

  /**
   * WeCom drops app messages to a member beyond 30 a minute without an error, so each send to
   * members first reserves its place in their shared pace. A send that would wait longer than
   * `maxWaitMs` is not made: PlatformError('rate_limited') tells the delivery worker when to try.
   */
  async function paceMembers(userIds: string[], maxWaitMs: number): Promise<void> {
    const { reserved, waitMs } = await state.reserveMembers(userIds, maxWaitMs);
    if (!reserved) throw new PlatformError('wecom', 'rate_limited', 'members at WeCom\'s per-member limit', Math.ceil(waitMs));
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  const postAppMessage = (userIds: string[], body: Record<string, unknown>) => client.post('message/send', {
    touser: userIds.slice(0, L.usersPerSend).join('|'), agentid: config.agentId, ...body,
    // A second guard against doubles: the same body within 30 minutes is delivered once.
    enable_duplicate_check: 1, duplicate_check_interval: 1800,
  });

  /** An answer to one person: it waits its turn in their pace however long (it is sent after the callback's answer). */
  async function appMessage(userIds: string[], body: Record<string, unknown>, maxWaitMs = Infinity) {
    await paceMembers(userIds, maxWaitMs);
    return postAppMessage(userIds, body);
  }

  async function toRoom(chatId: string, msgtype: 'markdown' | 'text', content: string, maxWaitMs = Infinity, mentioned: string[] = []): Promise<void> {
    const room = target(chatId);
    const payload = { msgtype, [msgtype]: { content: msgtype === 'text' ? renderText(content) : content } };
    if (room.kind === 'appchat') await client.post('appchat/send', { chatid: room.id, ...payload });
    // A robot's text message mentions people only through mentioned_list; <@id> in its text stays plain text.
    else if (room.kind === 'robot') await client.robot(room.key, msgtype === 'text' && mentioned.length > 0 ? { msgtype, text: { ...payload.text as object, mentioned_list: mentioned } } : payload);
    else await appMessage([room.id], payload, maxWaitMs);
  }

  async function tellUser(userId: string, text: string): Promise<void> {
    await appMessage([userId], { msgtype: 'text', text: { content: renderText(text) } });
  }

  async function recipientsOf(chat: ChatRef): Promise<string[]> {
    const room = target(chat.chatId);
    return room.kind === 'user' ? [room.id] : (await options.recipients(chat)).slice(0, L.usersPerSend);
  }

  /** From the outbox: waits at most a moment for the members' pace, else hands the wait to the worker before anything is sent. */
  async function sendCard(chat: ChatRef, card: Card, readOnly: boolean, idempotencyKey: string, maxWaitMs: number = L.memberWaitMs): Promise<string> {
    const room = target(chat.chatId);
    const taskId = taskIdFor(idempotencyKey);
    if (readOnly || !hasButtons(card)) {
      await toRoom(chat.chatId, 'markdown', renderSummary(card), maxWaitMs);
      return `room:${taskId}`;
    }
    const users = await recipientsOf(chat);
    if (users.length > 0) await paceMembers(users, maxWaitMs);
    if (room.kind !== 'user') await toRoom(chat.chatId, 'markdown', renderSummary(card));
    if (users.length === 0) return `room:${taskId}`;
    const answer = await postAppMessage(users, { msgtype: 'template_card', template_card: renderTemplateCard(card, taskId) });
    await keepCode(taskId, answer.response_code);
    return taskId;
  }

  /** The agents' card shows the item as it is now, once per response code; no code, no update (the room's line tells it). */
  async function updateCard(chat: ChatRef, taskId: string, card: Card): Promise<void> {
    const code = await state.takeResponseCode(taskId, now());
    if (!code) return;
    const users = await recipientsOf(chat);
    const body = hasButtons(card)
      ? { template_card: renderTemplateCard(card, taskId) }
      : { button: { replace_name: cutChars(statusOf(card), L.buttonText) } };
    try {
      await client.post('message/update_template_card', { userids: users, agentid: config.agentId, response_code: code, ...body });
    } catch (error) {
      // A used or expired code will not work on a retry either; the room is still told.
      if (error instanceof PlatformError && error.code === 'rejected') {
        options.log?.warn({ platform: 'wecom', err: error.message }, 'template card not updated');
        return;
      }
      await state.giveBackResponseCode(code);
      throw error;
    }
  }

  async function receiveText(userId: string, eventId: string, content: string, at: Date): Promise<Inbound> {
    const actor = user(userId);
    const here = { platform: 'wecom' as const, chatId: `user:${userId}` };
    const open = await state.takePrompt(userId, eventId, at.getTime());
    if (open.state === 'open' && isCancel(content)) {
      await state.closePrompt(userId, open.prompt.id);
      later(tellUser(userId, t('wecom.prompt.cancelled', { title: open.prompt.label })));
      return { kind: 'ignored', reason: 'prompt cancelled' };
    }
    if (open.state === 'open') {
      answering.set(eventId, { userId, prompt: open.prompt });
      return {
        kind: 'action', eventId, actor, itemId: open.prompt.itemId, action: open.prompt.action as never,
        input: { [open.prompt.input]: content }, fromForm: true, origin: { chat: here, messageRef: `prompt:${open.prompt.id}` },
      };
    }
    if (open.state === 'expired') {
      await state.closePrompt(userId, open.prompt.id);
      later(tellUser(userId, t('wecom.prompt.timed_out', { title: open.prompt.label, minutes: PROMPT_MINUTES })));
      return { kind: 'ignored', reason: 'prompt timed out' };
    }
    // `/fb setup feedback appchat:<chatid>` or `robot:<key>` names the room being set up; anything else runs here.
    const { text, room } = takeRoom(content, robotKeys);
    const mentions: PlatformUser[] = [...text.matchAll(/@([\w.-]{1,64})/g)].map((m) => user(m[1]!));
    return { kind: 'command', eventId, actor, chat: room ?? here, text, mentions, origin: { chat: here } };
  }

  function later(work: Promise<unknown>): void {
    work.catch((error) => options.log?.warn({ platform: 'wecom', err: String(error) }, 'message to a person failed'));
  }

  /** Tells each person whose prompt ran out, once, whichever instance or run opened it. */
  async function announceTimedOut(): Promise<void> {
    for (const { userId, prompt } of await state.takeTimedOutPrompts(now())) {
      later(tellUser(userId, t('wecom.prompt.timed_out', { title: prompt.label, minutes: PROMPT_MINUTES })));
    }
  }
  const sweep = () => { announceTimedOut().catch((error) => options.log?.warn({ platform: 'wecom', err: String(error) }, 'prompt sweep failed')); };
  const every = setInterval(sweep, PROMPT_SWEEP_MS);
  every.unref();
  const first = setTimeout(sweep, 1_000);
  first.unref();
  options.signal?.addEventListener('abort', () => {
    clearInterval(every);
    clearTimeout(first);
    for (const timer of timers) clearTimeout(timer);
  }, { once: true });

  async function deliverAnswer(inbound: Inbound, answer: InboundAnswer): Promise<void> {
    if (inbound.kind !== 'action' && inbound.kind !== 'form' && inbound.kind !== 'command') return;
    const userId = inbound.actor.userId;
    const taken = answering.get(inbound.eventId);
    answering.delete(inbound.eventId);
    const prompt = taken?.prompt;
    switch (answer.kind) {
      case 'command': {
        const reply = answer.reply;
        if (reply.kind === 'text') return tellUser(userId, reply.text);
        await sendCard({ platform: 'wecom', chatId: `user:${userId}` }, reply.card, false, `reply:${inbound.eventId}`, Infinity);
        return;
      }
      case 'refused': case 'unknown_user':
        // A refused input leaves its prompt open when the input was at fault, so the person can send it again.
        if (prompt) {
          if (answer.kind === 'refused' && answer.field) await state.releasePrompt(userId, prompt.id);
          else await state.closePrompt(userId, prompt.id);
        }
        return tellUser(userId, answer.text);
      case 'done':
        if (inbound.kind === 'action' && inbound.fromForm) {
          if (prompt) await state.closePrompt(userId, prompt.id);
          return tellUser(userId, t('wecom.prompt.done', { title: prompt?.label ?? inbound.itemId }));
        }
        return;
      case 'pending':
        // The answer comes later (followUp): the prompt stays with this message until then.
        if (taken) answering.set(inbound.eventId, taken);
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
      // Verified and from WeCom: kept before the click is acted on, so the card's update can use it.
      await keepCode(event.taskId, event.responseCode);
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
      if (answer.kind === 'duplicate' || answer.kind === 'ignored' || answer.kind === 'form_opened') {
        if ('eventId' in inbound) answering.delete(inbound.eventId);
        return { status: 200, body: '' };
      }
      return { status: 200, body: '', after: () => deliverAnswer(inbound, answer) };
    },

    async followUp(inbound: Inbound, answer: InboundAnswer): Promise<void> {
      await deliverAnswer(inbound, answer);
    },

    async send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef> {
      if ('card' in message) return { platform: 'wecom', chatId: chat.chatId, messageRef: await sendCard(chat, message.card, message.readOnly, idempotencyKey) };
      const mentions = (message.mentions ?? []).map(mention).join(' ');
      const robot = target(chat.chatId).kind === 'robot';
      await toRoom(chat.chatId, 'text', mentions && !robot ? `${message.text}\n${mentions}` : message.text, L.memberWaitMs, (message.mentions ?? []).map((m) => m.userId));
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(idempotencyKey)}` };
    },

    async update(sent: SentRef, message: OutboundMessage): Promise<void> {
      const chat: ChatRef = { platform: 'wecom', chatId: sent.chatId };
      if (!('card' in message)) return toRoom(sent.chatId, 'text', message.text, L.memberWaitMs);
      if (!sent.messageRef.startsWith('room:')) await updateCard(chat, sent.messageRef, message.card);
      if (target(sent.chatId).kind !== 'user') await toRoom(sent.chatId, 'markdown', renderFollowUp(message.card));
    },

    async openForm(origin: Origin, form: FormSpec): Promise<void> {
      const room = target(origin.chat?.chatId ?? '');
      const input = form.inputs[0];
      if (room.kind !== 'user' || !input) throw new PlatformError('wecom', 'rejected', 'a form needs the person who clicked and one input');
      // The prompt is stored before the callback is answered; the messages follow in the person's pace.
      if (input.kind === 'select') {
        const vote = renderVoteCard(form, input, taskIdFor(`vote:${form.itemId}:${form.action}:${randomUUID()}`));
        later(tellUser(room.id, t('wecom.prompt.choose', { label: input.label, title: form.title }))
          .then(() => appMessage([room.id], { msgtype: 'template_card', template_card: vote })));
        return;
      }
      const until = now() + PROMPT_MINUTES * 60_000;
      await state.setPrompt(room.id, { id: randomUUID(), itemId: form.itemId, action: form.action, input: input.name, label: form.title, until });
      later(tellUser(room.id, t('wecom.prompt.text', { label: input.label, title: form.title, minutes: PROMPT_MINUTES })));
      // Said when it happens, not only when a late text arrives; the sweep covers prompts of other instances and runs.
      const timer = setTimeout(() => { timers.delete(timer); sweep(); }, PROMPT_MINUTES * 60_000 + 1000);
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
      const room = target(chat.chatId);
      if (room.kind === 'robot') {
        // A robot takes the picture inline (≤ 2 MB), with its MD5.
        await client.robot(room.key, { msgtype: 'image', image: { base64: image.bytes.toString('base64'), md5: createHash('md5').update(image.bytes).digest('hex') } });
      } else {
        if (room.kind === 'user') await paceMembers([room.id], L.memberWaitMs);
        // media_id lives 3 days; each picture is uploaded when sent, so none is ever stale.
        const form = new FormData();
        form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.filename.endsWith('.jpg') ? 'image/jpeg' : 'image/png' }), image.filename);
        const uploaded = await client.upload('image', form);
        const body = { msgtype: 'image', image: { media_id: uploaded.media_id } };
        if (room.kind === 'appchat') await client.post('appchat/send', { chatid: room.id, ...body });
        else await postAppMessage([room.id], body);
      }
      if (image.comment) await toRoom(chat.chatId, 'text', image.comment);
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(`${chat.chatId}:${randomUUID()}`)}` };
    },

    mention,

    async uploadFile(chat: ChatRef, file: FileUpload): Promise<SentRef> {
      const room = target(chat.chatId);
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.filename);
      if (room.kind === 'user') await paceMembers([room.id], L.memberWaitMs);
      // A group robot has an upload of its own (no token); its media_id serves only its messages.
      const uploaded = room.kind === 'robot' ? await client.robotUpload(room.key, form) : await client.upload('file', form);
      const body = { msgtype: 'file', file: { media_id: uploaded.media_id } };
      if (room.kind === 'robot') await client.robot(room.key, body);
      else if (room.kind === 'appchat') await client.post('appchat/send', { chatid: room.id, ...body });
      else await postAppMessage([room.id], body);
      if (file.comment) await toRoom(chat.chatId, 'text', file.comment);
      return { platform: 'wecom', chatId: chat.chatId, messageRef: `room:${taskIdFor(`${chat.chatId}:file:${randomUUID()}`)}` };
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
