// Callbacks exactly as WeCom sends them: the message XML encrypted with the EncodingAESKey around
// the CorpID (@wecom/crypto's encrypt), signed with msg_signature over the sorted token,
// timestamp, nonce and ciphertext (@wecom/crypto's getSignature), wrapped in the outer XML.
import { encrypt, getSignature } from '@wecom/crypto';
import type { InjectOptions } from 'fastify';
import { CORP_ID } from './fake-wecom.js';

export const TOKEN = 'QDG6eK';
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const AGENT_ID = 1000002;

export interface SealOptions { now?: Date; corpId?: string; key?: string; token?: string; nonce?: string }

export function seal(plaintext: string, o: SealOptions = {}) {
  const timestamp = String(Math.floor((o.now ?? new Date()).getTime() / 1000));
  const nonce = o.nonce ?? Math.random().toString(36).slice(2, 12);
  const ciphertext = encrypt(o.key ?? AES_KEY, plaintext, o.corpId ?? CORP_ID);
  return { timestamp, nonce, ciphertext, signature: getSignature(o.token ?? TOKEN, timestamp, nonce, ciphertext) };
}

export function callbackUrl(q: { signature: string; timestamp: string; nonce: string; echostr?: string }): string {
  const query = new URLSearchParams({ msg_signature: q.signature, timestamp: q.timestamp, nonce: q.nonce, ...(q.echostr ? { echostr: q.echostr } : {}) });
  return `/wecom/callback?${query}`;
}

export function envelope(ciphertext: string): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[${AGENT_ID}]]></AgentID><Encrypt><![CDATA[${ciphertext}]]></Encrypt></xml>`;
}

/** A POST callback carrying `plaintext`, sealed as WeCom seals it. */
export function callback(plaintext: string, o: SealOptions = {}): InjectOptions {
  const s = seal(plaintext, o);
  return { method: 'POST', url: callbackUrl(s), payload: envelope(s.ciphertext), headers: { 'content-type': 'text/xml' } };
}

let msgId = 7_300_000_000_000_000_000n;
export const nextMsgId = () => String(msgId++);

export function textMessage(from: string, content: string, o: { msgId?: string; createTime?: number } = {}): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>`
    + `<CreateTime>${o.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>`
    + `<Content><![CDATA[${content}]]></Content><MsgId>${o.msgId ?? nextMsgId()}</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`;
}

let second = 1_700_000_000;
export function cardClick(from: string, key: string, o: { taskId?: string; createTime?: number; responseCode?: string; selected?: { question: string; options: string[] } } = {}): string {
  const selected = o.selected
    ? `<SelectedItems><SelectedItem><QuestionKey><![CDATA[${o.selected.question}]]></QuestionKey><OptionIds>${o.selected.options.map((id) => `<OptionId><![CDATA[${id}]]></OptionId>`).join('')}</OptionIds></SelectedItem></SelectedItems>`
    : '';
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>`
    + `<CreateTime>${o.createTime ?? second++}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>`
    + `<EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${o.taskId ?? 'fb_unknown'}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>`
    + `<ResponseCode><![CDATA[${o.responseCode ?? ''}]]></ResponseCode><AgentID>${AGENT_ID}</AgentID>${selected}</xml>`;
}
