// 50 agents click Claim on one item at once: exactly one wins, 49 are told who did.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { upsertAgent } from '../../src/agents-repo.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { act, buildTestApp, postFeedback } from '../helpers/test-app.js';

describe.each(databases)('%s: concurrent claims', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(kind);
    for (let n = 0; n < 50; n++) await upsertAgent(app.deps.db, { id: `agent-${n}`, name: `Agent ${n}`, role: 'agent' });
  });
  afterAll(async () => { await app.close(); });

  test('50 concurrent Claim actions give one winner and 49 refusals', async () => {
    const { id } = (await postFeedback(app, { text: 'Parcel never arrived', customer: { id: 'c-race' }, channel: 'chat' })).json();
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => act(app, `agent-${n}`, id, 'claim')));
    const winners = results.filter((r) => r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const winner = winners[0].json().item.assignee.name as string;
    for (const r of refused) expect(r.json().message).toContain(`already claimed by ${winner}`);
    expect((await eventsOf(app.deps.db, id)).filter((e) => e.type === 'claimed')).toHaveLength(1);
  });
});
