// The local chat is unpaced: a backlog of new cards goes out in groups, every card once, in the
// order the items came in, and a later change still updates each card in place.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { act, buildTestApp, messagesIn, signedIntake } from '../helpers/test-app.js';

describe.each(databases)('%s: local chat backlog', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  test('130 new items become 130 cards in order, and claiming one updates its card', async () => {
    const items = Array.from({ length: 130 }, (_, n) => ({ text: `积压第 ${n} 条：物流停了三天`, customer: { id: `c-lb-${n}` }, channel: 'chat', external_id: `lb-${n}` }));
    const res = await app.inject({ method: 'POST', url: '/intake/backlog/batch', ...signedIntake({ items }) });
    expect(res.statusCode).toBe(202);
    const shortIds = (res.json().results as { short_id: string }[]).map((r) => r.short_id);
    await app.outbox.drain();
    const cards = (await messagesIn(app, 'feedback')).filter((m) => m.card?.fallback.includes('物流停了三天'));
    expect(cards.map((m) => /FB-\d+/.exec(m.card!.title)![0])).toEqual(shortIds);
    const target = res.json().results[64];
    expect((await act(app, 'li-wei', target.id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    const after = (await messagesIn(app, 'feedback')).filter((m) => m.card?.fallback.includes('物流停了三天'));
    expect(after).toHaveLength(130);
    expect(JSON.stringify(after.find((m) => m.card!.title.includes(target.short_id))!.card)).toContain('Li Wei');
  });
});
