// Intake by group commit: copies sent at once are stored once (by external id and by text, also
// through two writers as two instances would), a failed commit stores nothing of its batch and
// answers every request in it with an error, and history is stored without cards.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { createIntakeWriter } from '../../src/intake/intake-writer.js';
import { ingestFeedback } from '../../src/intake/ingest.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, postFeedback } from '../helpers/test-app.js';

const draft = (over: Record<string, unknown> = {}) => ({ text: '快递三天没更新物流', customer: { id: 'c-gc' }, channel: 'chat', ...over });
const count = async (app: App, table: 'feedback' | 'outbox', where?: [string, string]) => {
  let q = app.deps.db.selectFrom(table as 'feedback').select(sql<number>`count(*)::int`.as('n'));
  if (where) q = q.where(where[0] as 'id', '=', where[1]);
  return (await q.executeTakeFirstOrThrow()).n;
};

describe.each(databases)('%s: intake group commit', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  test('20 copies with one external id sent at once: one 202, 19 answers of 200 naming it, one card queued', async () => {
    const copies = await Promise.all(Array.from({ length: 20 }, (_, n) =>
      postFeedback(app, draft({ external_id: 'same-ext', text: `第 ${n} 次重试，物流一直没更新`, customer: { id: `c-ext-${n}` } }))));
    const created = copies.filter((r) => r.statusCode === 202);
    expect(created).toHaveLength(1);
    const id = created[0].json().id;
    expect(copies.filter((r) => r.statusCode === 200).map((r) => r.json().id)).toEqual(Array(19).fill(id));
    expect(await count(app, 'feedback', ['external_id', 'same-ext'])).toBe(1);
    expect(await count(app, 'outbox', ['feedback_id', id])).toBe(1);
  });

  test('20 copies of one text from one customer sent at once: one item', async () => {
    const copies = await Promise.all(Array.from({ length: 20 }, (_, n) =>
      postFeedback(app, draft({ text: n % 2 ? '退款 一周了 还没到账！' : '退款一周了还没到账', customer: { id: 'c-text' } }))));
    expect(copies.filter((r) => r.statusCode === 202)).toHaveLength(1);
    const ids = new Set(copies.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(await count(app, 'feedback', ['customer_id', 'c-text'])).toBe(1);
  });

  test('two writers (two instances) storing the same copies at once store each item once', async () => {
    const other = createIntakeWriter({ db: app.deps.db, log: pino({ level: 'silent' }) });
    const viaOther = { ...app.deps, intake: other };
    const sends = Array.from({ length: 20 }, (_, n) => ingestFeedback(n % 2 ? viaOther : app.deps, 'web',
      draft({ text: `两个实例同时收到 ${n % 5}`, customer: { id: 'c-two' }, ...(n % 5 === 0 ? { external_id: 'two-0' } : {}) }) as never));
    const results = await Promise.all(sends);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(5);
    expect(await count(app, 'feedback', ['customer_id', 'c-two'])).toBe(5);
  });

  test('the same text after the 10-minute window is a new item; a retried external id stays a duplicate', async () => {
    const first = await postFeedback(app, draft({ text: '优惠券用不了', customer: { id: 'c-window' }, external_id: 'w-1' }));
    expect(first.statusCode).toBe(202);
    await app.deps.db.updateTable('feedback_text_keys').set({ seen_at: sql<Date>`now() - interval '11 minutes'` }).where('customer_id', '=', 'c-window').execute();
    const retried = await postFeedback(app, draft({ text: '优惠券用不了', customer: { id: 'c-window' }, external_id: 'w-1' }));
    expect(retried.statusCode).toBe(200);
    expect(retried.json().id).toBe(first.json().id);
    // The retry above took the expired text key but was not stored: a new copy of the text must not
    // be answered as a duplicate of an item that does not exist.
    const later = await postFeedback(app, draft({ text: '优惠券用不了', customer: { id: 'c-window' } }));
    expect(later.statusCode).toBe(202);
    const again = await postFeedback(app, draft({ text: '优惠券用不了', customer: { id: 'c-window' } }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(later.json().id);
  });

  test('a failed commit answers every request of its batch with an error and stores none of them', async () => {
    const writer = createIntakeWriter({ db: app.deps.db, log: pino({ level: 'silent' }) });
    const deps = { ...app.deps, intake: writer };
    await sql`alter table feedback add constraint no_poison check (text not like '%poison%')`.execute(app.deps.db);
    try {
      const batch = ['first fine item', 'second fine item', 'this one is poison', 'fourth fine item'].map((text, n) =>
        ingestFeedback(deps, 'web', draft({ text: `${text} ${n}`, customer: { id: `c-fail-${n}` } }) as never));
      const settled = await Promise.allSettled(batch);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      const stored = await app.deps.db.selectFrom('feedback').select('id').where('customer_id', 'like', 'c-fail-%').execute();
      expect(stored).toEqual([]);
      expect(await count(app, 'outbox', ['chat_id', 'never'])).toBe(0);
    } finally {
      await sql`alter table feedback drop constraint no_poison`.execute(app.deps.db);
    }
    // The writer goes on with the next batch.
    const after = await ingestFeedback(deps, 'web', draft({ text: 'after the failure', customer: { id: 'c-fail-after' } }) as never);
    expect(after.status).toBe('created');
  });

  test('requests arriving together share one statement', async () => {
    let statements = 0;
    const db = app.deps.db.withPlugin({ transformQuery: (a) => { statements++; return a.node; }, transformResult: async (a) => a.result });
    const deps = { ...app.deps, intake: createIntakeWriter({ db, log: pino({ level: 'silent' }) }) };
    const results = await Promise.all(Array.from({ length: 30 }, (_, n) =>
      ingestFeedback(deps, 'web', draft({ text: `一起到达的第 ${n} 条`, customer: { id: `c-share-${n}` } }) as never)));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill('created'));
    // One statement stores all 30; the other is the occasional pruning of expired dedupe keys.
    expect(statements).toBeLessThanOrEqual(2);
  });

  test('an item that occurred more than INTAKE_HISTORY_HOURS ago is stored and counted, without a card', async () => {
    const old = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
    const res = await postFeedback(app, draft({ text: '三天前的差评：发货太慢', customer: { id: 'c-history' }, occurred_at: old }));
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    expect(await count(app, 'outbox', ['feedback_id', id])).toBe(0);
    const row = await app.deps.db.selectFrom('feedback').select(['carded']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.carded).toBe(false);
    const recent = await postFeedback(app, draft({ text: '刚刚的差评：发货太慢', customer: { id: 'c-history' }, occurred_at: new Date().toISOString() }));
    expect(await count(app, 'outbox', ['feedback_id', recent.json().id])).toBe(1);
  });
});
