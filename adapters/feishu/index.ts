// The Feishu / Lark adapter: verify, decrypt, translate, answer, render and send, wiring the files
// beside it. Calls go through @larksuiteoapi/node-sdk's Client; the route is our own Fastify one
// (src/inbound/chat-route.ts), which keeps the raw body the signature covers.
import { createHash } from 'node:crypto';
import type { Role } from '../../src/domain/types.js';
import {
  AdapterError, PlatformError, type ChatAdapter, type ChatRef, type FileUpload, type ImageUpload, type Inbound, type InboundAnswer,
  type Origin, type OutboundMessage, type PlatformUser, type RawRequest, type SentFile, type SentRef,
} from '../chat-adapter.js';
import type { Readable } from 'node:stream';
import { answerFeishu, askedBy, commandContent } from './answer.js';
import { createFeishuClient } from './client.js';
import { FEISHU_LIMITS } from './limits.js';
import { parseFeishuBody } from './parse.js';
import { cardContent, mentionTag, textContent, type FeishuContent } from './render.js';
import type { Card } from '../../cards/card.js';
import { verifyFeishuRequest } from './verify.js';
import { withImageKeys, type FeishuPictureStore } from './pictures.js';

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  /** `feishu`, `lark`, or a base URL (a local fake in tests). */
  domain: string;
  /** open_ids who become admins on first use. */
  adminOpenIds: string[];
}

export interface FeishuAdapterOptions {
  workingText: string;
  doneText: string;
  /** Where this app's uploaded pictures are remembered (the core's database); without it, kept pictures are named, not shown. */
  pictures?: FeishuPictureStore;
}

interface MessageData { message_id?: string; chat_id?: string }

export function createFeishuAdapter(config: FeishuConfig, options: FeishuAdapterOptions): ChatAdapter {
  const { call } = createFeishuClient({ appId: config.appId, appSecret: config.appSecret, domain: config.domain });

  /** Uploads a picture for use in a message or card; its image_key. */
  async function uploadImageKey(bytes: Buffer): Promise<string> {
    // The SDK answers this one with `data` itself ({ image_key }), not the usual { code, msg, data }.
    const uploaded = await call<{ image_key?: string }>('im.v1.image.create', async (c) => {
      const data = await c.im.v1.image.create({ data: { image_type: 'message', image: bytes } });
      return { code: 0, data: data ?? {} };
    });
    if (!uploaded.image_key) throw new PlatformError('feishu', 'unreachable', 'im.v1.image.create answered without an image_key');
    return uploaded.image_key;
  }

  /** A card's kept pictures get their image_key first (uploaded now where `upload`), so they show. */
  async function toContent(message: OutboundMessage, upload = true): Promise<FeishuContent> {
    if (!('card' in message)) return textContent(message.text, message.mentions);
    return cardContent(await withImageKeys(message.card, options.pictures, upload ? uploadImageKey : undefined));
  }

  /** A command's answer card shows the pictures it can; a click's answer (3 s) only those already uploaded. */
  async function withKnownPictures(answer: InboundAnswer, upload: boolean): Promise<InboundAnswer> {
    const keyed = (card: Card) => withImageKeys(card, options.pictures, upload ? uploadImageKey : undefined);
    if (answer.kind === 'done' && answer.card) return { ...answer, card: await keyed(answer.card) };
    if (answer.kind === 'command' && answer.reply.kind === 'card') return { ...answer, reply: { kind: 'card', card: await keyed(answer.reply.card) } };
    return answer;
  }

  async function create(receiveIdType: 'chat_id' | 'open_id', receiveId: string, content: FeishuContent, key?: string): Promise<MessageData> {
    return call<MessageData>('im.v1.message.create', (c) => c.im.v1.message.create({
      params: { receive_id_type: receiveIdType },
      data: { receive_id: receiveId, ...content, ...(key ? { uuid: uuidOf(key) } : {}) },
    }));
  }

  async function reply(inbound: Inbound, content: FeishuContent): Promise<void> {
    if (inbound.kind !== 'command') return;
    const messageId = inbound.origin?.messageRef;
    if (messageId) {
      await call('im.v1.message.reply', (c) => c.im.v1.message.reply({ path: { message_id: messageId }, data: content }));
    } else {
      await create('chat_id', inbound.chat.chatId, content);
    }
  }

  async function dm(user: PlatformUser, content: FeishuContent): Promise<void> {
    await create('open_id', user.userId, content);
  }

  return {
    platform: 'feishu',
    limits: { perChatPerSecond: FEISHU_LIMITS.perChatPerSecond },
    answerWithinMs: FEISHU_LIMITS.answerWithinMs,

    async receive(req: RawRequest, now: Date): Promise<Inbound> {
      const verdict = verifyFeishuRequest({
        rawBody: req.rawBody, timestamp: header(req, 'x-lark-request-timestamp'), nonce: header(req, 'x-lark-request-nonce'),
        signature: header(req, 'x-lark-signature'), now,
      }, config);
      if (!verdict.ok) throw new AdapterError(verdict.code, verdict.reason);
      return parseFeishuBody(verdict.body);
    },

    async answer(inbound: Inbound, answer: InboundAnswer) {
      return answerFeishu(inbound, await withKnownPictures(answer, false), { reply, workingText: options.workingText, doneText: options.doneText });
    },

    async followUp(inbound: Inbound, answer: InboundAnswer) {
      // A late card click needs nothing: the outbox patches the card. A late command answer is a reply.
      const asked = askedBy(inbound);
      const content = asked ? commandContent(await withKnownPictures(answer, true)) : undefined;
      if (asked && content) await reply(asked, content);
    },

    async send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef> {
      const sent = await create('chat_id', chat.chatId, await toContent(message), idempotencyKey);
      if (!sent.message_id) throw new PlatformError('feishu', 'unreachable', 'im.v1.message.create answered without a message_id');
      return { platform: 'feishu', chatId: sent.chat_id ?? chat.chatId, messageRef: sent.message_id };
    },

    async update(sent: SentRef, message: OutboundMessage): Promise<void> {
      // Only shared cards can be patched; a text message is never updated in place.
      if (!('card' in message)) throw new PlatformError('feishu', 'rejected', 'only cards can be updated');
      const { content } = await toContent(message);
      await call('im.v1.message.patch', (c) => c.im.v1.message.patch({ path: { message_id: sent.messageRef }, data: { content } }));
    },

    /** Feishu has no notice for one person in a group outside a card click (that is the toast): a direct message. */
    async tell(_origin: Origin, user: PlatformUser, message: OutboundMessage): Promise<void> {
      await dm(user, await toContent(message));
    },

    async ping(user: PlatformUser, text: string): Promise<void> {
      await dm(user, textContent(text));
    },

    async uploadImage(chat: ChatRef, image: ImageUpload): Promise<SentRef> {
      const imageKey = await uploadImageKey(image.bytes);
      const sent = await create('chat_id', chat.chatId, { msg_type: 'image', content: JSON.stringify({ image_key: imageKey }) });
      if (image.comment) await create('chat_id', chat.chatId, textContent(image.comment));
      return { platform: 'feishu', chatId: chat.chatId, messageRef: sent.message_id ?? imageKey };
    },

    async uploadFile(chat: ChatRef, file: FileUpload): Promise<SentRef> {
      // im.v1.file.create answers with `data` itself ({ file_key }), like the image upload.
      const uploaded = await call<{ file_key?: string }>('im.v1.file.create', async (c) => {
        const data = await c.im.v1.file.create({ data: { file_type: fileTypeOf(file.filename), file_name: file.filename, file: file.bytes } });
        return { code: 0, data: data ?? {} };
      });
      if (!uploaded.file_key) throw new PlatformError('feishu', 'unreachable', 'im.v1.file.create answered without a file_key');
      const sent = await create('chat_id', chat.chatId, { msg_type: 'file', content: JSON.stringify({ file_key: uploaded.file_key }) });
      if (file.comment) await create('chat_id', chat.chatId, textContent(file.comment));
      return { platform: 'feishu', chatId: chat.chatId, messageRef: sent.message_id ?? uploaded.file_key };
    },

    async download(file: SentFile, maxBytes: number): Promise<Buffer> {
      // The resource comes as a stream (the SDK asks for one); it is read up to the limit, no further.
      const stream = await call<Readable>('im.v1.messageResource.get', async (c) => {
        const res = await c.im.v1.messageResource.get({ path: { message_id: file.messageRef, file_key: file.key }, params: { type: 'image' } });
        return { code: 0, data: res.getReadableStream() };
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          stream.destroy();
          throw new PlatformError('feishu', 'rejected', `im.v1.messageResource.get: over ${maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    },

    mention: mentionTag,

    async identify(user: PlatformUser): Promise<{ name: string; role: Role }> {
      const role: Role = config.adminOpenIds.includes(user.userId) ? 'admin' : 'agent';
      try {
        const info = await call<{ user?: { name?: string; en_name?: string; nickname?: string } }>('contact.v3.user.get', (c) => c.contact.v3.user.get({
          path: { user_id: user.userId }, params: { user_id_type: 'open_id' },
        }));
        return { name: info.user?.name || info.user?.nickname || info.user?.en_name || user.name || user.userId, role };
      } catch {
        // Without the contact permission (or with Feishu down) the person still gets in, named by the event.
        return { name: user.name ?? user.userId, role };
      }
    },
  };
}

/** Feishu de-duplicates sends by `uuid` (at most 50 characters) for an hour: a retried delivery posts once. */
function uuidOf(key: string): string {
  return key.length <= FEISHU_LIMITS.uuid ? key : createHash('sha256').update(key).digest('hex').slice(0, FEISHU_LIMITS.uuid);
}

/** Feishu's file types for uploads: office formats by name, anything else as a plain stream. */
function fileTypeOf(filename: string): 'xls' | 'doc' | 'ppt' | 'pdf' | 'stream' {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  return ext === 'pdf' ? 'pdf' : 'stream';
}

function header(req: RawRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
