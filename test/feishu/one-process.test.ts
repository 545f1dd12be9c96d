// One bot process serves Slack, Feishu and the local chat at once: a new item reaches a room on
// each, and each platform's endpoint answers its own verified requests.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { messagesIn, postFeedback } from '../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { JSON_TYPE, SIGNING_SECRET, signed } from '../slack/slack-requests.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, cardOf, shown } from './feishu-app.js';
import { signedRequest, urlVerification } from './feishu-requests.js';

describe.each(databases)('%s: Slack, Feishu and the local chat in one process', (kind) => {
  let app: App;
  let feishu: FakeFeishu;
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
    ({ app, fake: feishu } = await buildFeishuApp(kind, { env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl } }));
    await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C_FEEDBACK', purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  });
  afterAll(async () => { await app.close(); await slack.close(); });

  test('a new item is posted to the Feishu group, the Slack channel and the local room', async () => {
    const text = 'Delivery came without the charger';
    await postFeedback(app, { text, customer: { id: 'c-one' }, channel: 'chat' });
    await app.outbox.drain();
    expect(feishu.callsOf('create').some((c) => c.body.receive_id === 'oc_feedback' && shown(cardOf(c)).includes(text))).toBe(true);
    expect(slack.callsOf('chat.postMessage').some((c) => c.args.channel === 'C_FEEDBACK' && JSON.stringify(c.args.blocks).includes(text))).toBe(true);
    const rooms = await app.inject({ method: 'GET', url: '/local/api/rooms' });
    const local = (rooms.json().rooms as { id: string }[]).map((r) => r.id);
    const seen = await Promise.all(local.map(async (room) => (await messagesIn(app, room)).some((m) => m.card?.body && JSON.stringify(m.card.body).includes(text))));
    expect(seen).toContain(true);
  });

  test('each endpoint answers its own platform\'s URL check and refuses the other\'s', async () => {
    expect((await app.inject(signedRequest(urlVerification('feishu-challenge')))).json()).toEqual({ challenge: 'feishu-challenge' });
    const slackBody = JSON.stringify({ token: 'x', challenge: 'slack-challenge', type: 'url_verification' });
    expect((await app.inject(signed(slackBody, JSON_TYPE))).json()).toEqual({ challenge: 'slack-challenge' });
    expect((await app.inject({ ...signed(slackBody, JSON_TYPE), url: '/feishu/events' })).statusCode).toBe(401);
  });
});
