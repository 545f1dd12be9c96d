// Setting Feishu groups up from Feishu: `@反馈台 setup …` by an admin named in
// FEISHU_ADMIN_OPEN_IDS registers the group, `role @someone supervisor` changes a role, and an
// escalation then pings that supervisor in the escalation group with <at user_id="…">.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { findAgentByIdentity, getAgent } from '../../src/agents-repo.js';
import { listChannels } from '../../src/channels-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, cardOf, findButton, waitFor } from './feishu-app.js';
import { cardAction, messageEvent, signedRequest } from './feishu-requests.js';

const BOT = { openId: 'ou_bot', name: '反馈台' };

describe.each(databases)('%s: Feishu setup and roles from Feishu', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => {
    ({ app, fake } = await buildFeishuApp(kind, { env: { FEISHU_ADMIN_OPEN_IDS: 'ou_admin' } }));
    Object.assign(fake.users, { ou_admin: '管理员 Ada', ou_newsup: '新主管 Qin' });
  });
  afterAll(async () => { await app.close(); });

  /** Sends `text` (with @_user_N marks for `mentions`) to the bot in `chat`, and returns what the bot replied. */
  async function say(user: string, text: string, chat: string, mentions: { openId: string; name: string }[] = [BOT]) {
    const messageId = `om_${Math.random().toString(16).slice(2)}`;
    expect((await app.inject(signedRequest(messageEvent({ user, text, chat, mentions, messageId })))).statusCode).toBe(200);
    await waitFor(() => fake.callsOf('reply').some((c) => c.path.includes(messageId)));
    const reply = fake.callsOf('reply').find((c) => c.path.includes(messageId))!;
    return JSON.stringify(JSON.parse(reply.body.content));
  }

  test('an admin sets a group up for escalations; anyone else is refused; setup alone lists it', async () => {
    expect(await say('ou_liwei', '@_user_1 setup escalations', 'oc_sup')).toContain('Only admins');
    expect(await say('ou_admin', '@_user_1 /fb setup escalations priority=urgent', 'oc_sup')).toContain('priorities=urgent');
    expect((await listChannels(app.deps.db)).filter((c) => c.platform === 'feishu' && c.chatId === 'oc_sup').map((c) => c.purpose)).toEqual(['escalation']);
    expect(await say('ou_liwei', '@_user_1 设置', 'oc_feedback')).toContain('oc_sup');
    expect(await findAgentByIdentity(app.deps.db, 'feishu', 'ou_admin')).toMatchObject({ role: 'admin', name: '管理员 Ada' });
  });

  test('role by mention: an admin makes a newcomer supervisor; an agent may not', async () => {
    const target = { openId: 'ou_newsup', name: '新主管 Qin' };
    expect(await say('ou_liwei', '@_user_1 role @_user_2 supervisor', 'oc_feedback', [BOT, target])).toContain('Only admins');
    expect(await say('ou_admin', '@_user_1 角色 @_user_2 supervisor', 'oc_feedback', [BOT, target])).toContain('新主管 Qin');
    expect(await findAgentByIdentity(app.deps.db, 'feishu', 'ou_newsup')).toMatchObject({ role: 'supervisor' });
    expect(await say('ou_admin', '@_user_1 role @_user_2 supervisor', 'oc_feedback', [BOT, { openId: 'ou_zhang', name: 'Zhang Min' }])).toContain('Zhang Min');
    expect((await getAgent(app.deps.db, 'zhang-min'))?.role).toBe('supervisor');
  });

  test('an escalation pings the supervisors in the escalation groups with <at user_id>', async () => {
    (await postFeedback(app, { text: 'Escalate on Feishu: charger melted', customer: { id: 'c-melt' }, channel: 'chat', priority: 'urgent' }));
    await app.outbox.drain();
    const created = fake.callsOf('create').find((c) => c.body.receive_id === 'oc_feedback' && JSON.stringify(cardOf(c)).includes('charger melted'))!;
    const messageId = (created.answer?.body as any).data.message_id as string;
    const card = cardOf(created);
    await app.inject(signedRequest(cardAction({ user: 'ou_liwei', value: findButton(card, 'claim').behaviors[0].value, messageId })));
    const esc = await app.inject(signedRequest(cardAction({ user: 'ou_liwei', value: findButton(card, 'escalate').behaviors[0].value, messageId, formValue: { text: '', reason: 'Fire risk' } })));
    expect(esc.json().toast.type).toBe('success');
    await app.outbox.drain();
    const pings = fake.callsOf('create').filter((c) => c.body.msg_type === 'text' && JSON.parse(c.body.content).text.includes('Fire risk'));
    expect(pings.map((c) => c.body.receive_id).sort()).toEqual(['oc_esc', 'oc_sup']);
    const text = JSON.parse(pings[0]!.body.content).text as string;
    expect(text).toContain('<at user_id="ou_zhang"></at>');
    expect(text).toContain('<at user_id="ou_newsup"></at>');
    expect(text).not.toContain('<at user_id="ou_liwei">');
  });
});
