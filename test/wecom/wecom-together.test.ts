// One bot process serves WeCom, Slack, Feishu and the local chat at once; pictures reach WeCom rooms as media.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { SIGNING_SECRET } from '../slack/slack-requests.js';
import type { FakeFeishu } from '../feishu/fake-feishu.js';
import { buildFeishuApp, cardOf, shown as feishuShown } from '../feishu/feishu-app.js';
import { startFakeWecom, type FakeWecom } from './fake-wecom.js';
import { buildWecomApp, ESCALATION_ROOM, ROBOT_KEY, wecomEnv } from './wecom-app.js';
import { callbackUrl, seal } from './wecom-requests.js';
import { ensureChannel } from '../../src/channels-repo.js';

describe.each(databases)('%s: WeCom beside Slack, Feishu and the local chat', (kind) => {
  let app: App;
  let wecom: FakeWecom;
  let slack: FakeSlack;
  let feishu: FakeFeishu;
  beforeAll(async () => {
    wecom = await startFakeWecom();
    slack = await startFakeSlack();
    ({ app, fake: feishu } = await buildFeishuApp(kind, {
      env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, ...wecomEnv(wecom) },
    }));
    await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C_FEEDBACK', purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
    await ensureChannel(app.deps.db, { platform: 'wecom', chatId: 'appchat:feedback01', purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  });
  afterAll(async () => { await app.close(); await wecom.close(); await slack.close(); });

  test('one item reaches the local room, the Slack channel, the Feishu group and the WeCom room', async () => {
    const text = 'Four platforms at once: the kettle leaks';
    await postFeedback(app, { text, customer: { id: 'c-4' }, channel: 'chat' });
    await app.outbox.drain();
    expect(slack.callsOf('chat.postMessage').some((c) => c.args.channel === 'C_FEEDBACK' && String(c.args.text).includes(text))).toBe(true);
    expect(feishu.callsOf('create').some((c) => c.body.receive_id === 'oc_feedback' && feishuShown(cardOf(c)).includes(text))).toBe(true);
    expect(wecom.callsOf('appchat/send').some((c) => String(c.body.markdown?.content).includes(text))).toBe(true);
    const local = await app.inject({ method: 'GET', url: '/local/api/rooms/feedback/messages' });
    expect(local.body).toContain(text);
    const s = seal('echo-4');
    expect((await app.inject({ method: 'GET', url: callbackUrl({ ...s, echostr: s.ciphertext }) })).body).toBe('echo-4');
  });
});

describe.each(databases)('%s: WeCom pictures', (kind) => {
  let app: App;
  let fake: FakeWecom;
  beforeAll(async () => { ({ app, fake } = await buildWecomApp(kind)); });
  afterAll(async () => { await app.close(); });
  const adapter = () => app.deps.adapters.get('wecom')!;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  test('an app group chat gets the picture uploaded as media and sent by media_id', async () => {
    await adapter().uploadImage!({ platform: 'wecom', chatId: 'appchat:digests01' }, { bytes: png, filename: 'digest.png', comment: 'Daily digest' });
    const uploaded = fake.callsOf('media/upload').at(-1)!;
    expect(uploaded.query.type).toBe('image');
    const sent = fake.callsOf('appchat/send').filter((c) => c.body.chatid === 'digests01');
    expect(sent[0]!.body).toEqual({ chatid: 'digests01', msgtype: 'image', image: { media_id: expect.stringMatching(/^media-/) } });
    expect(sent[1]!.body.text.content).toBe('Daily digest');
  });

  test('a group robot gets the picture inline with its MD5', async () => {
    await adapter().uploadImage!({ platform: 'wecom', chatId: ESCALATION_ROOM }, { bytes: png, filename: 'digest.png' });
    const sent = fake.callsOf('webhook/send').at(-1)!;
    expect(sent.query.key).toBe(ROBOT_KEY);
    expect(sent.body.image).toEqual({ base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') });
  });
});
