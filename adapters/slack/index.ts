// The Slack adapter: verify, translate, answer, render and send, wiring the files beside it.
// Built on @slack/web-api for calls and bolt's request verifier; the route lives in our own
// Fastify server (src/inbound/chat-route.ts), so there is no second port.
import type { Role } from '../../src/domain/types.js';
import {
  AdapterError, PlatformError, type ChatAdapter, type ChatRef, type FileUpload, type FormSpec, type ImageUpload, type Inbound,
  type InboundAnswer, type Origin, type OutboundMessage, type PlatformUser, type RawRequest, type SentRef,
} from '../chat-adapter.js';
import { answerSlack, renderReply, replyMessage } from './answer.js';
import { createSlackClient } from './client.js';
import { SLACK_LIMITS } from './limits.js';
import { parseSlackRequest } from './parse.js';
import { renderSlackCard, renderSlackForm, renderSlackText, type SlackMessage } from './render.js';
import { verifySlackSignature } from './verify.js';

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Web API base; a local fake in tests. */
  apiUrl: string;
  /** Slack user ids who become admins on first use. */
  adminUserIds: string[];
}

export interface SlackAdapterOptions {
  /** What an acknowledgement of slow work says ("working on it"). */
  workingText: string;
  /** Slack waits 3 s; answer a little before. */
  answerWithinMs?: number;
}

export const SLACK_ANSWER_WITHIN_MS = 2500;

export function createSlackAdapter(config: SlackConfig, options: SlackAdapterOptions): ChatAdapter {
  const { call } = createSlackClient({ token: config.botToken, apiUrl: config.apiUrl });
  const apiOrigin = new URL(config.apiUrl).origin;

  const toSlack = (message: OutboundMessage): SlackMessage => 'card' in message
    ? renderSlackCard(message.card)
    : renderSlackText(message.text, (message.mentions ?? []).map(mention));

  async function tell(origin: Origin, user: PlatformUser, message: OutboundMessage): Promise<void> {
    const rendered = toSlack(message);
    if (origin.chat) {
      await call('chat.postEphemeral', { channel: origin.chat.chatId, user: user.userId, ...rendered });
      return;
    }
    if (origin.replyUrl) await postToResponseUrl(origin.replyUrl, { response_type: 'ephemeral', replace_original: false, ...rendered });
  }

  /** response_url is a hooks.slack.com address taken from a verified request; nothing else is posted to. */
  async function postToResponseUrl(url: string, body: unknown): Promise<void> {
    const target = new URL(url);
    if (target.origin !== 'https://hooks.slack.com' && target.origin !== apiOrigin) throw new PlatformError('slack', 'rejected', `response_url on ${target.host}`);
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new PlatformError('slack', 'unreachable', `response_url: ${(error as Error).message}`, undefined, { cause: error });
    }
    if (!response.ok) throw new PlatformError('slack', response.status === 429 ? 'rate_limited' : 'rejected', `response_url answered ${response.status}`);
  }

  return {
    platform: 'slack',
    limits: { perChatPerSecond: SLACK_LIMITS.perChannelPerSecond },
    answerWithinMs: options.answerWithinMs ?? SLACK_ANSWER_WITHIN_MS,

    async receive(req: RawRequest, now: Date): Promise<Inbound> {
      // Slack checks a slash command's certificate with an unsigned `ssl_check=1`: answered with
      // an empty 200 and nothing else read or done (bolt's HTTPReceiver does the same).
      if (isSslCheck(req)) return { kind: 'handshake', body: undefined };
      const verdict = verifySlackSignature({
        body: req.rawBody, timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'),
        secret: config.signingSecret, now,
      });
      if (!verdict.ok) throw new AdapterError('bad_signature', verdict.reason);
      return parseSlackRequest(req.rawBody, header(req, 'content-type') ?? '');
    },

    async answer(inbound: Inbound, answer: InboundAnswer) {
      return answerSlack(inbound, answer, {
        working: options.workingText,
        tell: async (i, message) => {
          if (i.kind === 'action' || i.kind === 'form' || i.kind === 'command') await tell(i.origin ?? {}, i.actor, message);
          else if (i.kind === 'thread') await tell({ chat: i.chat }, i.actor, message);
        },
      });
    },

    async followUp(inbound: Inbound, answer: InboundAnswer) {
      if (inbound.kind !== 'command') return;
      if (!inbound.origin?.replyUrl) {
        const late = answer.kind === 'command' ? replyMessage(answer.reply) : answer.kind === 'refused' || answer.kind === 'unknown_user' ? { text: answer.text } : undefined;
        if (late) await tell(inbound.origin ?? { chat: inbound.chat }, inbound.actor, late);
        return;
      }
      const message = answer.kind === 'command' ? renderReply(answer.reply)
        : renderSlackText(answer.kind === 'refused' || answer.kind === 'unknown_user' ? answer.text : '');
      await postToResponseUrl(inbound.origin.replyUrl, { response_type: 'ephemeral', replace_original: false, ...message });
    },

    async send(chat: ChatRef, message: OutboundMessage): Promise<SentRef> {
      const result = await call<{ ts?: string; channel?: string }>('chat.postMessage', { channel: chat.chatId, ...toSlack(message), unfurl_links: false });
      if (!result.ts) throw new PlatformError('slack', 'unreachable', 'chat.postMessage answered without a ts');
      return { platform: 'slack', chatId: result.channel ?? chat.chatId, messageRef: result.ts };
    },

    async update(sent: SentRef, message: OutboundMessage): Promise<void> {
      await call('chat.update', { channel: sent.chatId, ts: sent.messageRef, ...toSlack(message) });
    },

    async openForm(origin: Origin, form: FormSpec): Promise<void> {
      if (!origin.formToken) throw new PlatformError('slack', 'rejected', 'no trigger_id to open a modal with');
      await call('views.open', { trigger_id: origin.formToken, view: renderSlackForm(form, origin) });
    },

    tell,

    async ping(user: PlatformUser, text: string): Promise<void> {
      // A bot posting to a user id lands in its direct-message conversation with that person.
      await call('chat.postMessage', { channel: user.userId, ...renderSlackText(text) });
    },

    async uploadImage(chat: ChatRef, image: ImageUpload): Promise<SentRef> {
      const { upload_url: uploadUrl, file_id: fileId } = await call<{ upload_url: string; file_id: string }>('files.getUploadURLExternal', { filename: image.filename, length: image.bytes.length });
      await postFile(uploadUrl, image, apiOrigin);
      const done = await call<{ files?: { id: string }[] }>('files.completeUploadExternal', {
        files: [{ id: fileId, ...(image.title ? { title: image.title } : {}) }], channel_id: chat.chatId,
        ...(image.comment ? { initial_comment: image.comment } : {}),
      });
      return { platform: 'slack', chatId: chat.chatId, messageRef: done.files?.[0]?.id ?? fileId };
    },

    /** files v2 takes any file the same way as a picture. */
    async uploadFile(chat: ChatRef, file: FileUpload): Promise<SentRef> {
      return this.uploadImage!(chat, { bytes: file.bytes, filename: file.filename, title: file.filename, ...(file.comment ? { comment: file.comment } : {}) });
    },

    mention,

    async identify(user: PlatformUser): Promise<{ name: string; role: Role }> {
      const role: Role = config.adminUserIds.includes(user.userId) ? 'admin' : 'agent';
      try {
        const info = await call<{ user?: { real_name?: string; name?: string; profile?: { display_name?: string; real_name?: string } } }>('users.info', { user: user.userId });
        const u = info.user;
        const name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || user.name || user.userId;
        return { name, role };
      } catch {
        // Without users:read (or with Slack down) the person still gets in, named by what the request said.
        return { name: user.name ?? user.userId, role };
      }
    },
  };
}

function mention(user: PlatformUser): string {
  return `<@${user.userId}>`;
}

/** files v2 step 2: the bytes go to the upload URL Slack handed out (a Slack host, or the fake in tests). */
async function postFile(uploadUrl: string, image: ImageUpload, apiOrigin: string): Promise<void> {
  const target = new URL(uploadUrl);
  if (!target.hostname.endsWith('slack.com') && target.origin !== apiOrigin) throw new PlatformError('slack', 'rejected', `upload_url on ${target.host}`);
  let response: Response;
  try {
    response = await fetch(target, { method: 'POST', body: new Uint8Array(image.bytes), signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new PlatformError('slack', 'unreachable', `file upload: ${(error as Error).message}`, undefined, { cause: error });
  }
  if (!response.ok) throw new PlatformError('slack', response.status >= 500 ? 'unreachable' : 'rejected', `file upload answered ${response.status}`);
}

/** Exactly `ssl_check=1` (with Slack's deprecated token beside it), form-encoded; nothing more. */
function isSslCheck(req: RawRequest): boolean {
  if (!(header(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded') || req.rawBody.length > 500) return false;
  const form = new URLSearchParams(req.rawBody);
  return form.get('ssl_check') === '1' && [...form.keys()].every((k) => k === 'ssl_check' || k === 'token');
}

function header(req: RawRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
