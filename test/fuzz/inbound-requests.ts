// Generated hostile requests for every inbound endpoint: malformed, oversized, deeply nested,
// invalid Unicode, NUL, wrong encodings and content types, wrong, stale and missing signatures.
// Deterministic from a seed, so a failing request can be made again. Used by the fuzz suite in
// CI (a few thousand requests) and by `npm run fuzz` (100,000).
import { createHmac } from 'node:crypto';
import { signIntakeBody } from '../../src/intake/signature.js';
import { MAX_ITEM_BYTES } from '../../src/intake/draft-schema.js';
import { ATTACHMENT_BODY_BYTES } from '../../src/attachments/read-attachments.js';

export interface FuzzRequest {
  endpoint: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  payload?: Buffer;
}

export interface FuzzTarget {
  intakeSecret: string;
  /** Set when the app under test has Slack switched on. */
  slackSigningSecret?: string;
  now: () => Date;
  actors: string[];
  rooms: string[];
}

export type Rng = () => number;

/** mulberry32: small, fast and good enough to spread test cases; not for anything secret. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

const TEXTS = [
  '快递三天没更新物流', '包装破了，杯子碎了两个', 'The refund still has not arrived', '客服态度太差了，打电话 13912345678',
  'app crashes on login, mail me at amy@example.com', '好评！师傅安装很仔细', '???', '', '   ', 'test', '😡😡😡 退款！',
];
const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ud83dx', '😀', '\u202e\u200b\ufeff', '\u0001\u001f\u007f',
  'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', "'; drop table feedback; --", '{name}', '%s%n',
  '%00', '%ff', '..', '../../etc/passwd', 'Dave 13612345678', '1'.repeat(40), '\r\n\r\n', 'Ａ１２３', 'ﷺ', 'é'.normalize('NFD'),
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '', ' ', 'a.b', '\u0000', '\ud800', 'k'.repeat(300), '13912345678'];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json; charset=utf-16',
  'application/json; charset=iso-8859-1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'a/b;;;charset=', '', 'application/json; charset="utf-8"',
];

export function hostileString(rng: Rng): string {
  switch (int(rng, 8)) {
    case 0: return pick(rng, TEXTS);
    case 1: return pick(rng, HOSTILE_STRINGS);
    case 2: return pick(rng, TEXTS) + pick(rng, HOSTILE_STRINGS) + pick(rng, TEXTS);
    case 3: return 'x'.repeat(pick(rng, [201, 1001, 10_001, 20_001, 70_000]));
    case 4: return Array.from({ length: int(rng, 40) }, () => String.fromCharCode(int(rng, 0x10000))).join('');
    case 5: return String(int(rng, 1e9));
    case 6: return `FB-${pick(rng, ['1', '0', '-1', '99999999999999999999', 'x', '1e9'])}`;
    default: return pick(rng, TEXTS);
  }
}

function hostileScalar(rng: Rng): unknown {
  return pick(rng, [() => hostileString(rng), () => int(rng, 10), () => 1e308, () => -0, () => 2 ** 53 + 1, () => 1.5, () => true, () => null])();
}

function hostileValue(rng: Rng, depth = 0): unknown {
  if (depth > 3 || chance(rng, 0.5)) return hostileScalar(rng);
  if (chance(rng, 0.5)) return Array.from({ length: int(rng, 4) }, () => hostileValue(rng, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = int(rng, 4); i > 0; i--) object[chance(rng, 0.2) ? pick(rng, HOSTILE_KEYS) : `k${int(rng, 50)}`] = hostileValue(rng, depth + 1);
  return object;
}

/** A JSON text nested `depth` levels, built as text: JSON.stringify itself overflows the stack on deep values. */
function nestedJson(rng: Rng, depth: number): string {
  return chance(rng, 0.5) ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
}

function wideObject(rng: Rng): Record<string, number> {
  return Object.fromEntries(Array.from({ length: pick(rng, [257, 1000, 5000]) }, (_, n) => [`k${n}`, n]));
}

function validDraft(rng: Rng, serial: number): Record<string, unknown> {
  return {
    text: `${pick(rng, TEXTS.filter((t) => t.trim().length > 3))} #${serial}`,
    customer: { id: `fuzz-${int(rng, 200)}`, ...(chance(rng, 0.3) ? { name: 'Dave 13612345678', phone: '13912345678', tier: pick(rng, ['vip', 'standard']) } : {}) },
    channel: pick(rng, ['chat', 'phone', 'email']),
    ...(chance(rng, 0.5) ? { external_id: `fz-${serial}` } : {}),
    ...(chance(rng, 0.2) ? { rating: int(rng, 5) + 1, occurred_at: '2026-01-02T03:04:05+08:00', order_id: 'SO-1' } : {}),
    ...(chance(rng, 0.3) ? { metadata: { device: 'ios', tags: ['a', 'b'] } } : {}),
  };
}

const DRAFT_PATHS = [['text'], ['customer'], ['customer', 'id'], ['customer', 'name'], ['customer', 'phone'], ['customer', 'email'], ['customer', 'tier'],
  ['channel'], ['external_id'], ['occurred_at'], ['rating'], ['order_id'], ['metadata'], ['metadata', 'x'], ['extra']];

/** A draft with one to three fields broken; some stay valid so the request reaches the database. */
function hostileDraftText(rng: Rng, serial: number): string {
  const draft = validDraft(rng, serial) as Record<string, any>;
  if (chance(rng, 0.3)) return JSON.stringify(draft);
  let deep: string | undefined;
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const path = pick(rng, DRAFT_PATHS);
    const parent = path.length === 2 ? ((draft[path[0]!] = typeof draft[path[0]!] === 'object' && draft[path[0]!] !== null ? draft[path[0]!] : {})) : draft;
    const key = path[path.length - 1]!;
    switch (int(rng, 6)) {
      case 0: delete parent[key]; break;
      case 1: parent[key] = hostileValue(rng); break;
      case 2: parent[key] = wideObject(rng); break;
      case 3: deep = nestedJson(rng, pick(rng, [33, 100, 4500, 20_000])); parent[key] = '@@DEEP@@'; break;
      default: parent[key] = hostileString(rng);
    }
  }
  const text = JSON.stringify(draft);
  return deep ? text.replace('"@@DEEP@@"', deep) : text;
}

/** Byte-level damage: invalid UTF-8, an encoded surrogate, an overlong NUL, truncation, a BOM, UTF-16. */
function damageBytes(rng: Rng, bytes: Buffer): Buffer {
  const at = int(rng, bytes.length + 1);
  switch (int(rng, 8)) {
    case 0: return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    case 1: return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xed, 0xa0, 0x80]), bytes.subarray(at)]);
    case 2: return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc0, 0x80]), bytes.subarray(at)]);
    case 3: return bytes.subarray(0, at);
    case 4: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 5: return Buffer.from(bytes.toString('utf8'), 'utf16le');
    case 6: { const copy = Buffer.from(bytes); if (copy.length) copy[int(rng, copy.length)] = int(rng, 256); return copy; }
    default: return Buffer.from(Array.from({ length: int(rng, 64) }, () => int(rng, 256)));
  }
}

function sourceSegment(rng: Rng): string {
  return chance(rng, 0.85) ? pick(rng, ['web', 'app-review', 'call_center', 'fuzz']) : pick(rng, ['Bad Source', '%00', '%ff', '%ED%A0%80', 'a'.repeat(41), '..', '%2e%2e', '中文', '-x', 'x%20y']);
}

function intakeHeaders(rng: Rng, target: FuzzTarget, body: Buffer): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': chance(rng, 0.85) ? 'application/json' : pick(rng, CONTENT_TYPES) };
  const now = target.now();
  switch (int(rng, 10)) {
    case 0: return headers; // unsigned
    case 1: return { ...headers, ...signIntakeBody(body, 'a-wrong-secret-0123456789', now) };
    case 2: return { ...headers, ...signIntakeBody(body, target.intakeSecret, new Date(now.getTime() - 3_600_000)) };
    case 3: return { ...headers, 'x-feedback-timestamp': pick(rng, ['', 'abc', '-1', '1e3', '9'.repeat(20)]), 'x-feedback-signature': pick(rng, ['sha256=zz', 'sha256=', 'x'.repeat(5000), '\u00e9']) };
    case 4: return { ...headers, ...signIntakeBody(Buffer.concat([body, Buffer.from(' ')]), target.intakeSecret, now) };
    default: return { ...headers, ...signIntakeBody(body, target.intakeSecret, now) };
  }
}

function intakeRequest(rng: Rng, target: FuzzTarget, serial: number): FuzzRequest {
  const batch = chance(rng, 0.3);
  let text: string;
  if (!batch) text = hostileDraftText(rng, serial);
  else if (chance(rng, 0.05)) text = JSON.stringify({ items: Array.from({ length: 1001 }, (_, n) => validDraft(rng, serial * 10_000 + n)) });
  else if (chance(rng, 0.1)) text = JSON.stringify(pick(rng, [{ items: [] }, { items: {} }, [], { items: 'x' }, null, { items: [1, 'a', null] }]));
  else text = `{"items":[${Array.from({ length: 1 + int(rng, 12) }, (_, n) => hostileDraftText(rng, serial * 100 + n)).join(',')}]${chance(rng, 0.1) ? `,"extra":${nestedJson(rng, 5000)}` : ''}}`;
  let body: Buffer = Buffer.from(text);
  if (chance(rng, 0.15)) body = damageBytes(rng, body);
  // Past what the route reads at all: a single item's body may carry attachments on top of its 64 KiB.
  if (chance(rng, 0.01)) body = Buffer.alloc(batch ? 9 * 1024 * 1024 : MAX_ITEM_BYTES + ATTACHMENT_BODY_BYTES + 1024, 0x20);
  const url = `/intake/${sourceSegment(rng)}${batch ? '/batch' : ''}`;
  return { endpoint: batch ? 'intake batch' : 'intake', method: 'POST', url, headers: intakeHeaders(rng, target, body), payload: body };
}

function localJson(rng: Rng, value: Record<string, unknown>): { headers: Record<string, string>; payload: Buffer } {
  let text = JSON.stringify(value);
  if (chance(rng, 0.1)) text = text.replace(/"input":\{\}|"text":"[^"]*"/, `"input":${nestedJson(rng, 4500)}`);
  let payload: Buffer = Buffer.from(text);
  if (chance(rng, 0.1)) payload = damageBytes(rng, payload);
  return { headers: { 'content-type': chance(rng, 0.9) ? 'application/json' : pick(rng, CONTENT_TYPES) }, payload };
}

const ACTIONS = ['claim', 'reply', 'note', 'wait', 'escalate', 'resolve', 'close', 'reopen', 'constructor', '__proto__', 'made-up', ''];
const COMMANDS = ['/fb help', '/fb stats today', '/fb stats week', '/fb queue', '/fb queue 1e9', '/fb queue -1', '/fb mine', '/fb show FB-1',
  '/fb show FB-99999999999999999999', '/fb constructor', '/fb __proto__', '/fb toString', '统计', '@bot queue 5', ''];

function localRequest(rng: Rng, target: FuzzTarget): FuzzRequest {
  const actor = () => (chance(rng, 0.8) ? pick(rng, target.actors) : hostileString(rng));
  switch (int(rng, 6)) {
    case 0: {
      const input = chance(rng, 0.5) ? { text: hostileString(rng), reason: hostileString(rng), code: pick(rng, ['solved', 'nope', '']) } : (hostileValue(rng) as Record<string, unknown>);
      const item = chance(rng, 0.5) ? '00000000-0000-4000-8000-000000000000' : hostileString(rng);
      return { endpoint: 'local actions', method: 'POST', url: '/local/api/actions', ...localJson(rng, { actor: actor(), item_id: item, action: pick(rng, ACTIONS), input }) };
    }
    case 1:
    case 2: {
      const text = chance(rng, 0.6) ? pick(rng, COMMANDS) : `/fb ${hostileString(rng)}`;
      const room = chance(rng, 0.8) ? pick(rng, target.rooms) : hostileString(rng);
      return { endpoint: 'local commands', method: 'POST', url: '/local/api/commands', ...localJson(rng, { actor: actor(), room, text }) };
    }
    case 3: {
      const room = chance(rng, 0.7) ? pick(rng, target.rooms) : pick(rng, ['%00', '%ff', 'nope', '%ED%A0%80', 'x'.repeat(3000), '..%2f..']);
      const limit = pick(rng, ['', '?limit=5', '?limit=-1', '?limit=1e9', '?limit=%00', '?limit=%ff', '?limit=abc', '?limit=5&limit=6', '?__proto__=1']);
      return { endpoint: 'local messages', method: 'GET', url: `/local/api/rooms/${room}/messages${limit}`, headers: {} };
    }
    case 4: return { endpoint: 'local lists', method: 'GET', url: pick(rng, ['/local/api/agents', '/local/api/rooms', '/', '/local/assets/app.js', '/local/assets/%00', '/local/assets/..%2fpackage.json']), headers: {} };
    default: return { endpoint: 'ops', method: 'GET', url: pick(rng, ['/healthz', '/readyz', '/nope', '/%ff', '/a?b=%00', `/${'x'.repeat(8000)}`]), headers: {} };
  }
}

function slackRequest(rng: Rng, target: FuzzTarget, serial: number): FuzzRequest {
  const user = chance(rng, 0.8) ? 'U0FUZZ1' : hostileString(rng);
  let contentType = 'application/x-www-form-urlencoded';
  let text: string;
  switch (int(rng, 3)) {
    case 0:
      text = new URLSearchParams({ command: '/fb', text: chance(rng, 0.6) ? pick(rng, COMMANDS).replace(/^\/fb ?/, '') : hostileString(rng), user_id: user,
        channel_id: chance(rng, 0.8) ? 'C0FUZZ' : hostileString(rng), trigger_id: `t.${serial}.${hostileString(rng)}`, response_url: 'https://hooks.slack.com/commands/x' }).toString();
      break;
    case 1: {
      const payload = chance(rng, 0.5)
        ? { type: 'block_actions', trigger_id: `t.${serial}`, user: { id: user }, actions: [{ action_id: hostileString(rng), value: hostileString(rng) }] }
        : hostileValue(rng);
      const json = chance(rng, 0.1) ? nestedJson(rng, 4500) : JSON.stringify(payload);
      // JSON.stringify escapes lone surrogates, so the text always percent-encodes.
      text = `payload=${encodeURIComponent(json)}`;
      break;
    }
    default:
      contentType = 'application/json';
      text = chance(rng, 0.1) ? nestedJson(rng, 4500) : JSON.stringify(chance(rng, 0.5)
        ? { type: 'event_callback', event_id: `Ev${serial}${hostileString(rng)}`, event: { type: 'message', channel: 'C0FUZZ', user, text: hostileString(rng), ts: '1.1', thread_ts: '1.0' } }
        : hostileValue(rng));
  }
  let body: Buffer = Buffer.from(text);
  if (chance(rng, 0.1)) body = damageBytes(rng, body);
  const ts = String(Math.floor(target.now().getTime() / 1000) - (chance(rng, 0.1) ? 3600 : 0));
  const secret = chance(rng, 0.9) ? target.slackSigningSecret! : 'a-wrong-signing-secret-0123';
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;
  const headers: Record<string, string> = { 'content-type': chance(rng, 0.9) ? contentType : pick(rng, CONTENT_TYPES) };
  if (chance(rng, 0.95)) Object.assign(headers, { 'x-slack-request-timestamp': ts, 'x-slack-signature': signature });
  return { endpoint: 'slack events', method: 'POST', url: '/slack/events', headers, payload: body };
}

/** One generated request, spread over every inbound endpoint of the target. */
export function fuzzRequest(rng: Rng, target: FuzzTarget, serial: number): FuzzRequest {
  const roll = rng();
  if (target.slackSigningSecret && roll < 0.15) return slackRequest(rng, target, serial);
  if (roll < 0.6) return intakeRequest(rng, target, serial);
  return localRequest(rng, target);
}
