// Events and card callbacks exactly as Feishu sends them with an Encrypt Key set: the JSON event
// AES-256-CBC encrypted (key sha256(encrypt key), random IV in front, base64) inside
// {"encrypt": …}, and that body signed: X-Lark-Signature = sha256(timestamp + nonce + key + body).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export const ENCRYPT_KEY = 'test-encrypt-key-Q2Fy8mWv';
export const VERIFICATION_TOKEN = 'test-verification-token-7Kd2';
export const APP_ID = 'cli_test_app';

export function encrypt(plain: string, key = ENCRYPT_KEY, iv = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function sign(timestamp: string, nonce: string, body: string, key = ENCRYPT_KEY): string {
  return createHash('sha256').update(timestamp + nonce + key + body).digest('hex');
}

export interface SendOptions { now?: Date; key?: string; signKey?: string; nonce?: string; headers?: Record<string, string>; unsigned?: boolean }

/** An app.inject() request carrying `event`, encrypted and signed. */
export function signedRequest(event: unknown, o: SendOptions = {}) {
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event), o.key) });
  return signedBody(body, o);
}

export function signedBody(body: string, o: SendOptions = {}) {
  const timestamp = String(Math.floor((o.now ?? new Date()).getTime() / 1000));
  const nonce = o.nonce ?? randomBytes(8).toString('hex');
  return {
    method: 'POST' as const, url: '/feishu/events', payload: body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(o.unsigned ? {} : { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': sign(timestamp, nonce, body, o.signKey ?? o.key) }),
      ...o.headers,
    },
  };
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(16)}${(++seq).toString(16)}${randomBytes(4).toString('hex')}`;

function header(type: string, eventId?: string, token = VERIFICATION_TOKEN) {
  return { event_id: eventId ?? nextId('ev_'), event_type: type, create_time: String(Date.now()), token, app_id: APP_ID, tenant_key: 'tenant_1' };
}

export interface MessageFields {
  user: string; text: string; chat?: string; chatType?: 'group' | 'p2p'; eventId?: string; messageId?: string; token?: string;
  /** People named in the text, in order: the text writes them as @_user_1, @_user_2… */
  mentions?: { openId: string; name: string }[];
  senderType?: string; messageType?: string;
}

export function messageEvent(f: MessageFields) {
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', f.eventId, f.token),
    event: {
      sender: { sender_id: { open_id: f.user, union_id: `on_${f.user}`, user_id: f.user.slice(3) }, sender_type: f.senderType ?? 'user', tenant_key: 'tenant_1' },
      message: {
        message_id: f.messageId ?? nextId('om_'), create_time: String(Date.now()), chat_id: f.chat ?? 'oc_feedback', chat_type: f.chatType ?? 'group',
        message_type: f.messageType ?? 'text', content: JSON.stringify({ text: f.text }),
        mentions: (f.mentions ?? []).map((m, i) => ({ key: `@_user_${i + 1}`, id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: '' }, name: m.name, tenant_key: 'tenant_1' })),
      },
    },
  };
}

export interface CardActionFields { user: string; value: unknown; formValue?: Record<string, unknown>; messageId?: string; chat?: string; eventId?: string; token?: string }

export function cardAction(f: CardActionFields) {
  return {
    schema: '2.0',
    header: header('card.action.trigger', f.eventId, f.token),
    event: {
      operator: { tenant_key: 'tenant_1', user_id: f.user.slice(3), open_id: f.user, union_id: `on_${f.user}` },
      token: `c-${randomBytes(8).toString('hex')}`,
      action: { value: f.value, tag: 'button', ...(f.formValue ? { form_value: f.formValue, name: 'fb_submit' } : {}) },
      host: 'im_message',
      context: { open_message_id: f.messageId ?? 'om_unknown', open_chat_id: f.chat ?? 'oc_feedback' },
    },
  };
}

export function urlVerification(challenge: string, token = VERIFICATION_TOKEN) {
  return { challenge, token, type: 'url_verification' };
}
