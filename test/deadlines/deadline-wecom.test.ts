// A missed deadline as WeCom shows it (the fake WeCom API records what the bot sends): the
// assignee mentioned in the item's group chat, the room told the card is overdue, and the
// supervisor mentioned with the card in the escalations robot room, each once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { sweepDeadlines } from '../../src/deadlines/sweep.js';
import { act, signedIntake } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import type { FakeWecom } from '../wecom/fake-wecom.js';
import { buildWecomApp, ROBOT_KEY, shown } from '../wecom/wecom-app.js';

const MIN = 60_000;

describe.each(databases)('%s: deadlines on WeCom', (kind) => {
  let app: App;
  let fake: FakeWecom;
  let now: Date;
  beforeEach(async () => {
    now = new Date(Date.now() - (Date.now() % MIN));
    ({ app, fake } = await buildWecomApp(kind, { clock: { now: () => now } }));
  });
  afterEach(async () => { await app.close(); });

  test('the breach mentions the assignee, marks the card overdue and pings the supervisor in the escalations room', async () => {
    const res = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-w1' }, channel: 'phone' }, now) });
    const id = res.json().id as string;
    await app.outbox.drain();
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    const from = fake.calls.length;
    now = new Date(now.getTime() + 30 * MIN);
    await sweepDeadlines(app.deps, now);
    await app.outbox.drain();
    await sweepDeadlines(app.deps, new Date(now.getTime() + MIN));
    await app.outbox.drain();
    const after = fake.calls.slice(from);
    const inRoom = after.filter((c) => c.api === 'appchat/send' && c.body.chatid === 'feedback01');
    const breach = inRoom.filter((c) => c.body.msgtype === 'text' && String(c.body.text.content).includes('missed its first response deadline'));
    expect(breach).toHaveLength(1);
    // An app group chat has no mention field; the adapter names the assignee as <@userid>.
    expect(breach[0]!.body.text.content).toContain('<@LiWei>');
    const robot = after.filter((c) => c.api === 'webhook/send' && c.query.key === ROBOT_KEY);
    const pings = robot.filter((c) => c.body.msgtype === 'text' && String(c.body.text.content).includes('Deadline escalation (step 1)'));
    expect(pings).toHaveLength(1);
    expect(pings[0]!.body.text.mentioned_list).toEqual(['ZhangMin']);
    // The card went to the escalations robot, red and saying it is overdue.
    expect(robot.some((c) => c.body.msgtype === 'markdown' && String(c.body.markdown.content).startsWith('**🔴') && c.body.markdown.content.includes('first response deadline missed'))).toBe(true);
    // The supervisor also got the card to act on.
    expect(after.some((c) => c.api === 'message/send' && c.body.touser === 'ZhangMin' && shown(c.body).includes('超时：已超出首次响应时限'))).toBe(true);
    // The feedback room's follow-up line says the card is overdue now.
    const followUps = inRoom.filter((c) => c.body.msgtype === 'markdown');
    expect(followUps.at(-1)?.body.markdown.content).toMatch(/已超时 \d+ 分钟 \/ first response by .*\d+ min overdue/);
  });
});
