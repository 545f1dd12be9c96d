// A missed deadline as Slack shows it (the fake Slack Web API records what the bot posts): the
// assignee named with <@U…> in the item's channel, the card turned red in place, and the
// supervisor mentioned with the card in the escalations channel, each once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { sweepDeadlines } from '../../src/deadlines/sweep.js';
import { act, signedIntake } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import type { FakeSlack } from '../slack/fake-slack.js';
import { buildSlackApp, shown } from '../slack/slack-app.js';

const MIN = 60_000;

describe.each(databases)('%s: deadlines on Slack', (kind) => {
  let app: App;
  let fake: FakeSlack;
  let now: Date;
  beforeEach(async () => {
    now = new Date(Date.now() - (Date.now() % MIN));
    ({ app, fake } = await buildSlackApp(kind, { clock: { now: () => now } }));
  });
  afterEach(async () => { await app.close(); });

  test('the breach names the assignee, turns the card red and pings the supervisor in the escalations channel', async () => {
    const res = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-s1' }, channel: 'phone' }, now) });
    const id = res.json().id as string;
    await app.outbox.drain();
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    now = new Date(now.getTime() + 30 * MIN);
    await sweepDeadlines(app.deps, now);
    await app.outbox.drain();
    await sweepDeadlines(app.deps, new Date(now.getTime() + MIN));
    await app.outbox.drain();

    const posts = fake.callsOf('chat.postMessage');
    const inFeedback = posts.filter((c) => c.args.channel === 'C_FEEDBACK' && !c.args.blocks?.some((b: any) => b.type === 'actions'));
    const breach = inFeedback.filter((c) => shown(c.args).includes('missed its first response deadline'));
    expect(breach).toHaveLength(1);
    expect(shown(breach[0].args)).toContain('<@U_LIWEI>');
    const escalation = posts.filter((c) => c.args.channel === 'C_ESC');
    const pings = escalation.filter((c) => shown(c.args).includes('Deadline escalation (step 1)'));
    expect(pings).toHaveLength(1);
    expect(shown(pings[0].args)).toContain('<@U_ZHANG>');
    // The card went to the escalations channel, red.
    expect(escalation.some((c) => String(c.args.text).startsWith('🔴') && shown(c.args).includes('first response deadline missed'))).toBe(true);
    // The card in the feedback channel was updated in place and is red now.
    const updates = fake.callsOf('chat.update').filter((c) => c.args.channel === 'C_FEEDBACK');
    expect(String(updates.at(-1)?.args.text).startsWith('🔴')).toBe(true);
    expect(shown(updates.at(-1)?.args)).toContain('超时：已超出首次响应时限');
  });
});
