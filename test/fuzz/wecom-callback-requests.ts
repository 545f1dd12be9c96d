// Generated hostile requests at WeCom's callback URL: hostile XML (entities, DOCTYPE, deep nesting,
// unclosed tags, huge bodies, wrong encodings) outside and inside the ciphertext, bad padding,
// truncated and non-base64 ciphertexts, another company's CorpID, wrong, stale and missing
// signatures, GET checks with broken echostr, and well-formed clicks and texts with hostile values.
import { createCipheriv, randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { createRng, hostileString, type FuzzRequest, type Rng } from './inbound-requests.js';

export interface WecomFuzzTarget { token: string; aesKey: string; corpId: string; agentId: number; now: () => Date; users: string[]; itemIds: () => string[] }

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

const HOSTILE_XML = [
  '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Encrypt>&c;</Encrypt></xml>',
  '<xml><Encrypt>', '<xml>', '', ' ', '<xml></xml>', '<XML><Encrypt>x</Encrypt></XML>', '<xml><Encrypt><![CDATA[', '<xml><Encrypt>&#0;</Encrypt></xml>',
  '<xml><Encrypt>&lt;&amp;</Encrypt></xml>', '<?xml-stylesheet href="x"?><xml/>', '<xml xmlns:x="y"><x:Encrypt>a</x:Encrypt></xml>', '{"Encrypt":"x"}',
  '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>', '<xml><Encrypt a="1">x</Encrypt></xml>', '<!-- x --><xml/>', '<xml><![CDATA[]]]]><![CDATA[>]]></xml>',
];
const INNER_FIELDS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId', 'AgentID', 'Event', 'EventKey', 'TaskId', 'CardType', 'ResponseCode', 'SelectedItems'];
const CONTENT_TYPES = ['text/xml', 'application/xml', 'text/xml; charset=utf-8', 'application/json', 'text/plain', '', 'application/x-www-form-urlencoded'];

function deepXml(rng: Rng): string {
  const depth = pick(rng, [50, 500, 5000]);
  return `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>`;
}

function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The message inside the ciphertext: mostly WeCom's shapes with hostile values, sometimes hostile XML. */
function innerXml(rng: Rng, t: WecomFuzzTarget, serial: number): string {
  if (chance(rng, 0.15)) return chance(rng, 0.5) ? pick(rng, HOSTILE_XML) : deepXml(rng);
  const from = chance(rng, 0.8) ? pick(rng, t.users) : hostileString(rng);
  const item = pick(rng, [...t.itemIds().slice(-5), '00000000-0000-4000-8000-000000000000', hostileString(rng)]);
  const fields: Record<string, string> = chance(rng, 0.5)
    ? { MsgType: 'text', Content: chance(rng, 0.5) ? pick(rng, ['/fb help', '/fb stats today', '统计 今日', '/fb queue', '取消', `/fb setup feedback robot:${hostileString(rng)}`, '/fb role @x admin']) : hostileString(rng), MsgId: String(7_300_000_000_000_000_000n + BigInt(serial)) }
    : { MsgType: 'event', Event: 'template_card_event', EventKey: `${pick(rng, ['claim', 'reply', 'note', 'escalate', 'close', 'reopen', 'made-up', '__proto__'])}:${item}`, TaskId: chance(rng, 0.8) ? `fb_fuzz${serial}` : hostileString(rng), CardType: 'button_interaction', ResponseCode: hostileString(rng) };
  Object.assign(fields, { ToUserName: t.corpId, FromUserName: from, CreateTime: String(1_700_000_000 + serial), AgentID: String(t.agentId) });
  if (chance(rng, 0.2)) fields[pick(rng, INNER_FIELDS)] = hostileString(rng);
  if (chance(rng, 0.1)) delete fields[pick(rng, INNER_FIELDS)];
  const body = Object.entries(fields).map(([k, v]) => `<${k}>${chance(rng, 0.8) ? cdata(v) : v}</${k}>`).join('');
  return chance(rng, 0.05) ? `<xml>${body}<SelectedItems>${'<SelectedItem><QuestionKey>q</QuestionKey></SelectedItem>'.repeat(int(rng, 3000))}</SelectedItems></xml>` : `<xml>${body}</xml>`;
}

/** WeCom's cipher by hand, with padding that may lie about itself. */
function sealBadPadding(rng: Rng, t: WecomFuzzTarget, message: string): string {
  const key = Buffer.from(`${t.aesKey}=`, 'base64');
  const msg = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(chance(rng, 0.3) ? int(rng, 2 ** 32) : msg.length);
  const plain = Buffer.concat([randomBytes(16), length, msg, Buffer.from(t.corpId)]);
  const n = 32 - (plain.length % 32);
  const pad = pick(rng, [Buffer.alloc(n, 0), Buffer.alloc(n, 33), Buffer.concat([Buffer.alloc(n - 1, 7), Buffer.from([n])]), Buffer.alloc(n, n)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, pad])), cipher.final()]).toString('base64');
}

function ciphertext(rng: Rng, t: WecomFuzzTarget, message: string): string {
  switch (int(rng, 12)) {
    case 0: return encrypt(t.aesKey, message, pick(rng, ['wwffffffffffffffff', '', t.corpId.toUpperCase(), `${t.corpId}x`]));
    case 1: return sealBadPadding(rng, t, message);
    case 2: return encrypt('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', message, t.corpId);
    case 3: return Buffer.from(encrypt(t.aesKey, message, t.corpId), 'base64').subarray(0, int(rng, 80)).toString('base64');
    case 4: return pick(rng, ['', 'not base64!', '====', 'A'.repeat(pick(rng, [31, 33, 64, 300_000])), hostileString(rng)]);
    default: return encrypt(t.aesKey, message, t.corpId);
  }
}

export function wecomCallbackRequest(rng: Rng, t: WecomFuzzTarget, serial: number): FuzzRequest {
  const now = t.now();
  const stale = chance(rng, 0.05) ? pick(rng, [-3600, 600, -301]) : 0;
  const timestamp = chance(rng, 0.03) ? hostileString(rng) : String(Math.floor(now.getTime() / 1000) + stale);
  const nonce = chance(rng, 0.03) ? hostileString(rng) : `n${serial}`;
  const sign = (encrypted: string) => (chance(rng, 0.06) ? getSignature('AnotherToken', timestamp, nonce, encrypted)
    : chance(rng, 0.03) ? pick(rng, ['', 'zz', '0'.repeat(40), hostileString(rng)]) : getSignature(t.token, timestamp, nonce, encrypted));
  const query = (q: Record<string, string>) => `/wecom/callback?${new URLSearchParams(q)}`;
  if (chance(rng, 0.1)) {
    const echo = ciphertext(rng, t, chance(rng, 0.7) ? String(int(rng, 1e12)) : hostileString(rng));
    const params: Record<string, string> = { msg_signature: sign(echo), timestamp, nonce, echostr: echo };
    if (chance(rng, 0.1)) delete params[pick(rng, Object.keys(params))];
    return { endpoint: 'wecom callback', method: 'GET', url: query(params), headers: {} };
  }
  let outer: string;
  let signature: string;
  if (chance(rng, 0.12)) {
    outer = chance(rng, 0.6) ? pick(rng, HOSTILE_XML) : deepXml(rng);
    signature = sign(outer);
  } else {
    const encrypted = ciphertext(rng, t, innerXml(rng, t, serial));
    outer = `<xml><ToUserName>${cdata(t.corpId)}</ToUserName><AgentID>${cdata(String(t.agentId))}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
    signature = sign(encrypted);
  }
  let payload = Buffer.from(outer);
  switch (int(rng, 30)) {
    case 0: payload = Buffer.from(outer, 'utf16le'); break;
    case 1: payload = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), payload]); break;
    case 2: payload = Buffer.concat([payload.subarray(0, int(rng, payload.length)), Buffer.from([0xff, 0xfe])]); break;
    case 3: payload = Buffer.alloc(pick(rng, [70 * 1024, 1100 * 1024]), 0x41); break;
    case 4: payload = Buffer.from(`<xml><Encrypt>${'A'.repeat(pick(rng, [300_000, 900_000]))}</Encrypt></xml>`); break;
    default: break;
  }
  const params: Record<string, string> = { msg_signature: signature, timestamp, nonce };
  if (chance(rng, 0.04)) delete params[pick(rng, Object.keys(params))];
  return { endpoint: 'wecom callback', method: 'POST', url: query(params), headers: { 'content-type': chance(rng, 0.9) ? 'text/xml' : pick(rng, CONTENT_TYPES) }, payload };
}

export { createRng };
