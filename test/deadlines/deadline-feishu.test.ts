// A missed deadline as Feishu shows it (the fake Feishu open API records what the bot sends): the
// assignee mentioned with <at user_id="…"> in the item's chat, the card patched red in place, and
// the supervisor mentioned with the card in the escalations chat, each once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { sweepDeadlines } from '../../src/deadlines/sweep.js';
import { act, signedIntake } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import type { FakeFeishu } from '../feishu/fake-feishu.js';
import { buildFeishuApp, cardOf, shown } from '../feishu/feishu-app.js';

const MIN = 60_000;

describe.each(databases)('%s: deadlines on Feishu', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  let now: Date;
  beforeEach(async () => {
    now = new Date(Date.now() - (Date.now() % MIN));
    ({ app, fake } = await buildFeishuApp(kind, { clock: { now: () => now } }));
  });
  afterEach(async () => { await app.close(); });

  test('the breach mentions the assignee, patches the card red and pings the supervisor in the escalations chat', async () => {
    const res = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-f1' }, channel: 'phone' }, now) });
    const id = res.json().id as string;
    await app.outbox.drain();
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    now = new Date(now.getTime() + 30 * MIN);
    await sweepDeadlines(app.deps, now);
    await app.outbox.drain();
    await sweepDeadlines(app.deps, new Date(now.getTime() + MIN));
    await app.outbox.drain();

    const texts = fake.callsOf('create').filter((c) => c.body.msg_type === 'text');
    const textOf = (c: { body: any }) => String(JSON.parse(c.body.content).text);
    const breach = texts.filter((c) => c.body.receive_id === 'oc_feedback' && textOf(c).includes('missed its first response deadline'));
    expect(breach).toHaveLength(1);
    expect(textOf(breach[0])).toContain('<at user_id="ou_liwei"></at>');
    const pings = texts.filter((c) => c.body.receive_id === 'oc_esc' && textOf(c).includes('Deadline escalation (step 1)'));
    expect(pings).toHaveLength(1);
    expect(textOf(pings[0])).toContain('<at user_id="ou_zhang"></at>');
    // The card went to the escalations chat, red and saying it is overdue.
    const escCards = fake.callsOf('create').filter((c) => c.body.receive_id === 'oc_esc' && c.body.msg_type === 'interactive').map(cardOf);
    expect(escCards.some((card) => card.header.template === 'red' && shown(card).includes('first response deadline missed'))).toBe(true);
    // The card in the feedback chat was patched in place: red, overdue, where before the breach it showed the time left.
    const posted = fake.callsOf('create').find((c) => c.body.receive_id === 'oc_feedback' && c.body.msg_type === 'interactive')!;
    const messageId = (posted.answer?.body as any)?.data?.message_id as string;
    const patches = fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).map(cardOf);
    expect(shown(patches[0])).toContain('30 min left');
    const last = patches.at(-1);
    expect(last.header.template).toBe('red');
    expect(shown(last)).toContain('超时：已超出首次响应时限');
    expect(shown(last)).toContain('overdue');
  });
});
