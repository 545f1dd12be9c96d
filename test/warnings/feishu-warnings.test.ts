// Warning cards through Feishu's fake open API: posted once to the warnings group as a JSON 2.0
// card naming its evidence, then Acknowledge from the card (card.action.trigger) recorded and the
// card patched in place.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ensureChannel } from '../../src/channels-repo.js';
import { scanWarnings } from '../../src/warnings/scan.js';
import { databases } from '../helpers/test-database.js';
import type { FakeFeishu } from '../feishu/fake-feishu.js';
import { buildFeishuApp, cardOf, findButton, shown } from '../feishu/feishu-app.js';
import { cardAction, signedRequest } from '../feishu/feishu-requests.js';
import { insertItems } from './traffic.js';

describe.each(databases)('%s: warnings in Feishu', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => {
    ({ app, fake } = await buildFeishuApp(kind));
    await ensureChannel(app.deps.db, { platform: 'feishu', chatId: 'oc_warn', purpose: 'warnings', name: 'warnings', filters: {}, readOnly: false });
    app.deps.channels.invalidate();
  });
  afterAll(async () => { await app.close(); });

  test('a warning card is posted once with its evidence, and Acknowledge from the card is recorded and patched in', async () => {
    const now = new Date();
    await insertItems(app.deps.db, [50, 30, 10].map((h) => ({ at: new Date(now.getTime() - h * 3_600_000), customer: 'c-feishu', kind: 'complaint', sentiment: 'negative', text: `Order still not here (${h})` })));
    await scanWarnings(app.deps, now);
    await scanWarnings(app.deps, new Date(now.getTime() + 60_000));
    await app.outbox.drain();
    const posts = fake.callsOf('create').filter((c) => c.body.receive_id === 'oc_warn');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.msg_type).toBe('interactive');
    const card = cardOf(posts[0]!);
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    const title = shown(card.header);
    expect(title).toContain('Repeated complaints');
    const text = shown(card);
    // The level the scan gave it, and the evidence: the count and the example items.
    const warning = await app.deps.db.selectFrom('warnings').selectAll().executeTakeFirstOrThrow();
    expect(warning.level).toBe('general');
    expect(title).toContain('General');
    expect(card.header.template).toBe('orange');
    expect(text).toContain('3 times in 7 days');
    expect(text).toContain('Order still not here (10)');
    const messageId = (await app.deps.db.selectFrom('warning_messages').select('message_ref').where('platform', '=', 'feishu').executeTakeFirstOrThrow()).message_ref;
    expect((posts[0]!.answer?.body as any)?.data?.message_id).toBe(messageId);

    const button = findButton(card, 'claim');
    const res = await app.inject(signedRequest(cardAction({ user: 'ou_zhang', value: button.behaviors[0].value, messageId, chat: 'oc_warn' })));
    expect(res.statusCode).toBe(200);
    expect(res.json().toast.type).toBe('success');
    expect(shown(res.json().card.data)).toContain('Zhang Min');
    const events = await app.deps.db.selectFrom('warning_events').select(['type', 'actor_id']).where('warning_id', '=', warning.id).where('type', '=', 'acknowledged').execute();
    expect(events).toEqual([{ type: 'acknowledged', actor_id: 'zhang-min' }]);
    await app.outbox.drain();
    const patch = fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).at(-1)!;
    expect(patch).toBeDefined();
    expect(shown(cardOf(patch))).toContain('Zhang Min');
    expect(() => findButton(cardOf(patch), 'claim')).toThrow();

    // A second Acknowledge is refused with a toast naming who has it; nothing new is posted.
    const again = await app.inject(signedRequest(cardAction({ user: 'ou_liwei', value: button.behaviors[0].value, messageId, chat: 'oc_warn' })));
    expect(again.statusCode).toBe(200);
    expect(again.json().toast.type).toBe('error');
    expect(JSON.stringify(again.json().toast)).toContain('Zhang Min');
    await app.outbox.drain();
    expect(fake.callsOf('create').filter((c) => c.body.receive_id === 'oc_warn')).toHaveLength(1);
  });
});

