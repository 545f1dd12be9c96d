// The conformance suite for Slack: requests signed as Slack signs them, sends to a fake Web API.
import { afterAll, beforeAll } from 'vitest';
import { renderSlackCard } from '../../adapters/slack/render.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { buildSlackApp } from '../slack/slack-app.js';
import { slackLimitViolations } from '../slack/slack-limits.js';
import { blockAction, FORM, JSON_TYPE, signed, slackSignature } from '../slack/slack-requests.js';
import { describeConformance } from './conformance.js';

let fake: FakeSlack;
beforeAll(async () => { fake = await startFakeSlack(); });
afterAll(async () => { await fake.close(); });

describeConformance({
  name: 'Slack',
  start: async (kind) => (await buildSlackApp(kind, { fake })).app,
  click: (itemId, deliveryId) => signed(blockAction({ user: 'U_LIWEI', value: `claim:${itemId}`, trigger: deliveryId }), FORM),
  badRequests(itemId) {
    const body = blockAction({ user: 'U_LIWEI', value: `claim:${itemId}` });
    const good = signed(body, FORM);
    const old = new Date(Date.now() - 6 * 60_000);
    return [
      { name: 'unsigned', request: { ...good, headers: { 'content-type': FORM } }, status: 401 },
      { name: 'forged with another secret', request: signed(body, FORM, { secret: 'not-the-signing-secret-at-all-000' }), status: 401 },
      { name: 'tampered body', request: { ...good, payload: body.replace('U_LIWEI', 'U_WANG') }, status: 401 },
      { name: 'replayed after 6 minutes', request: signed(body, FORM, { now: old }), status: 401 },
      { name: 'from 6 minutes in the future', request: signed(body, FORM, { now: new Date(Date.now() + 6 * 60_000) }), status: 401 },
      { name: 'signature of another timestamp', request: { ...good, headers: { ...good.headers, 'x-slack-signature': slackSignature(body, 1531420618) } }, status: 401 },
      { name: 'malformed JSON event', request: signed('{"type": ', JSON_TYPE), status: 400 },
      { name: 'malformed payload', request: signed('payload=%7Bnot-json', FORM), status: 400 },
      { name: 'payload of the wrong shape', request: signed(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: 'x' }) }).toString(), FORM), status: 400 },
      { name: 'neither command nor interaction', request: signed('hello=world', FORM), status: 400 },
    ];
  },
  limitViolations: (card) => slackLimitViolations(renderSlackCard(card)),
  failNextSend(status, retryAfterSeconds = 1) {
    fake.script('chat.postMessage', status === 429 ? { status, headers: { 'retry-after': String(retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } } : { status, body: 'oops' });
  },
  sendAttempts: (text) => fake.callsOf('chat.postMessage').filter((c) => String(c.args.text).includes(text)).map((c) => ({ ok: c.ok, at: c.at })),
  async deliveredCards() {
    return fake.callsOf('chat.postMessage').filter((c) => c.ok && c.args.channel === 'C_FEEDBACK').map((c) => String(c.args.text));
  },
});
