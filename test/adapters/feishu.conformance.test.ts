// The conformance suite for Feishu: events and callbacks encrypted and signed as Feishu does,
// sends to a fake open API.
import { afterAll, beforeAll } from 'vitest';
import { renderFeishuCard } from '../../adapters/feishu/render.js';
import { startFakeFeishu, type FakeFeishu } from '../feishu/fake-feishu.js';
import { buildFeishuApp, cardOf, shown } from '../feishu/feishu-app.js';
import { feishuLimitViolations } from '../feishu/feishu-limits.js';
import { cardAction, encrypt, signedBody, signedRequest, VERIFICATION_TOKEN } from '../feishu/feishu-requests.js';
import { describeConformance } from './conformance.js';

let fake: FakeFeishu;
beforeAll(async () => { fake = await startFakeFeishu(); });
afterAll(async () => { await fake.close(); });

const claim = (itemId: string, eventId?: string) => cardAction({ user: 'ou_liwei', value: { fb: `claim:${itemId}` }, ...(eventId ? { eventId } : {}) });

describeConformance({
  name: 'Feishu',
  start: async (kind) => (await buildFeishuApp(kind, { fake })).app,
  click: (itemId, deliveryId) => signedRequest(claim(itemId, deliveryId)),
  badRequests(itemId) {
    const good = signedRequest(claim(itemId));
    const headers = good.headers as Record<string, string>;
    return [
      { name: 'unsigned', request: signedRequest(claim(itemId), { unsigned: true }), status: 401 },
      { name: 'signed with another key', request: signedRequest(claim(itemId), { signKey: 'not-the-encrypt-key' }), status: 401 },
      { name: 'tampered body', request: { ...good, payload: JSON.stringify({ encrypt: encrypt(JSON.stringify(claim(itemId))) }) }, status: 401 },
      { name: 'replayed after 6 minutes', request: signedRequest(claim(itemId), { now: new Date(Date.now() - 6 * 60_000) }), status: 401 },
      { name: 'from 6 minutes in the future', request: signedRequest(claim(itemId), { now: new Date(Date.now() + 6 * 60_000) }), status: 401 },
      { name: 'signature of another nonce', request: { ...good, headers: { ...headers, 'x-lark-request-nonce': 'other' } }, status: 401 },
      { name: 'wrong verification token inside', request: signedRequest({ ...claim(itemId), header: { ...claim(itemId).header, token: `${VERIFICATION_TOKEN}x` } }), status: 401 },
      { name: 'encrypted with another key', request: signedRequest(claim(itemId), { key: 'another-encrypt-key', signKey: 'test-encrypt-key-Q2Fy8mWv' }), status: 400 },
      { name: 'malformed JSON', request: signedBody('{"encrypt": '), status: 400 },
      { name: 'not encrypted', request: signedBody(JSON.stringify(claim(itemId))), status: 400 },
      { name: 'event of the wrong shape', request: signedRequest({ schema: '2.0', header: { event_id: 'ev_bad', event_type: 'card.action.trigger', token: VERIFICATION_TOKEN }, event: { action: 'x' } }), status: 400 },
    ];
  },
  limitViolations: (card) => feishuLimitViolations(renderFeishuCard(card)),
  failNextSend(status, retryAfterSeconds = 1) {
    fake.script('create', status === 429
      ? { status, headers: { 'x-ogw-ratelimit-reset': String(retryAfterSeconds) }, body: { code: 99991400, msg: 'request trigger frequency limit' } }
      : { status, body: { code: 1, msg: 'internal error' } });
  },
  sendAttempts: (text) => fake.callsOf('create').filter((c) => c.body.msg_type === 'interactive' && shown(cardOf(c)).includes(text))
    .map((c) => ({ ok: c.answer?.status === 200, at: c.at })),
  async deliveredCards() {
    return fake.callsOf('create').filter((c) => c.answer?.status === 200 && c.body.receive_id === 'oc_feedback' && c.body.msg_type === 'interactive').map((c) => shown(cardOf(c)));
  },
});
