// The conformance suite for WeCom: callbacks encrypted and signed as WeCom does, sends to a fake
// WeCom API. A "send" is the room's message (appchat/send), which every card delivery starts with;
// a card's summary has several lines, the follow-up after a change one.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startFakeWecom, type FakeWecom } from '../wecom/fake-wecom.js';
import { buildWecomApp } from '../wecom/wecom-app.js';
import { wecomLimitViolations } from '../wecom/wecom-limits.js';
import { callback, callbackUrl, cardClick, envelope, seal } from '../wecom/wecom-requests.js';
import { describeConformance } from './conformance.js';

let fake: FakeWecom;
beforeAll(async () => { fake = await startFakeWecom(); });
afterAll(async () => { await fake.close(); });

/** A retried delivery repeats the click's CreateTime; a new click has its own second. */
const secondOf = (deliveryId: string) => 1_700_000_000 + createHash('sha256').update(deliveryId).digest().readUInt32BE(0) % 100_000_000;

describeConformance({
  name: 'WeCom',
  start: async (kind) => (await buildWecomApp(kind, { fake })).app,
  click: (itemId, deliveryId) => callback(cardClick('LiWei', `claim:${itemId}`, { taskId: 'fb_conformance', createTime: secondOf(deliveryId) })),
  badRequests(itemId) {
    const click = cardClick('LiWei', `claim:${itemId}`, { taskId: 'fb_conformance' });
    const good = seal(click);
    const xml = { 'content-type': 'text/xml' };
    const other = seal(click.replace('LiWei', 'WangFang'));
    return [
      { name: 'unsigned', request: { method: 'POST', url: '/wecom/callback', payload: envelope(good.ciphertext), headers: xml }, status: 401 },
      { name: 'forged with another token', request: callback(click, { token: 'ForgedToken1' }), status: 401 },
      { name: 'ciphertext swapped after signing', request: { method: 'POST', url: callbackUrl(good), payload: envelope(other.ciphertext), headers: xml }, status: 401 },
      { name: 'replayed after 6 minutes', request: callback(click, { now: new Date(Date.now() - 6 * 60_000) }), status: 401 },
      { name: 'from 6 minutes in the future', request: callback(click, { now: new Date(Date.now() + 6 * 60_000) }), status: 401 },
      { name: 'sealed for another company', request: callback(click, { corpId: 'wwffffffffffffffff' }), status: 400 },
      { name: 'malformed outer XML', request: { method: 'POST', url: callbackUrl(good), payload: '<xml><Encrypt>', headers: xml }, status: 400 },
      { name: 'an entity declaration', request: { method: 'POST', url: callbackUrl(good), payload: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>', headers: xml }, status: 400 },
      { name: 'malformed decrypted XML', request: callback('<xml><FromUserName>LiWei'), status: 400 },
    ];
  },
  limitViolations: wecomLimitViolations,
  failNextSend(status, retryAfterSeconds = 1) {
    fake.failNext('appchat/send', status === 429 ? { status, retryAfterSeconds } : { status });
  },
  sendAttempts: (text) => fake.callsOf('appchat/send').filter((c) => String(c.body.markdown?.content).includes(text)).map((c) => ({ ok: c.ok, at: c.at })),
  async deliveredCards() {
    return fake.callsOf('appchat/send').filter((c) => c.ok && c.body.chatid === 'feedback01' && c.body.msgtype === 'markdown' && String(c.body.markdown.content).includes('\n'))
      .map((c) => String(c.body.markdown.content));
  },
});
