// /fb search finds words inside Chinese sentences and English words, masked, newest first, a page
// at a time; /fb customer shows one customer across channels. Through the local command box.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { act, buildTestApp, postFeedback } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import { sql } from 'kysely';
import { forgetTermFrequencies } from '../../src/search/term-frequency.js';
import { insertItems } from './fixture.js';

async function say(app: App, text: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'li-wei', room: 'feedback', text } });
  expect(res.statusCode).toBe(200);
  const reply = res.json().reply;
  if (reply.kind === 'text') return reply.text;
  return [reply.card.title, ...reply.card.body.map((n: any) => n.text ?? (n.fields ?? []).map((f: any) => `${f.label}: ${f.value}`).join('\n'))].join('\n');
}
/** The item numbers a reply lists, in order. */
const idsIn = (text: string) => [...text.matchAll(/^(FB-\d+) ·/gm)].map((m) => m[1]);

describe.each(databases)('search and customer (%s)', (kind) => {
  let app: App;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(kind, { env: { TZ: 'Asia/Shanghai', BOT_LANG: 'en' } });
    const post = async (key: string, draft: Record<string, unknown>) => {
      const res = await postFeedback(app, draft);
      expect(res.statusCode).toBe(202);
      ids[key] = res.json().short_id;
    };
    await post('slow', { text: '你们的物流太慢了，等了一个星期还没到，电话 13812345678', customer: { id: 'c-1', tier: 'vip', name: 'Zhou' }, channel: 'phone' });
    await post('refund', { text: 'The refund for order 42 never arrived', customer: { id: 'c-1' }, channel: 'email', rating: 2 });
    await post('apart', { text: '物品已到，流程很快，快递员很好', customer: { id: 'c-2' }, channel: 'chat', rating: 5 });
    await post('fast', { text: '物流快，包装好', customer: { id: 'c-1' }, channel: 'chat', rating: 5 });
  });
  afterAll(async () => { await app.close(); });

  test('a Chinese word inside a sentence is found; its characters apart are not', async () => {
    const found = await say(app, '/fb search 物流');
    expect(idsIn(found)).toEqual([ids.fast, ids.slow]); // newest first
    expect(found).toContain('Search "物流", page 1');
    // "物" and "流" both occur in the third text, never together.
    expect(found).not.toContain(ids.apart);
    expect(idsIn(await say(app, '/fb search 物流 慢'))).toEqual([ids.slow]);
    expect(idsIn(await say(app, '/fb search 流快'))).toEqual([ids.fast]);
    // A single character has no bigram: found by the text itself.
    expect(idsIn(await say(app, '/fb search 慢'))).toEqual([ids.slow]);
    expect(await say(app, '/fb search 物流很快')).toBe('No item contains "物流很快"');
  });

  test('English words, any case and full-width; results are masked', async () => {
    expect(idsIn(await say(app, '/fb search REFUND'))).toEqual([ids.refund]);
    expect(idsIn(await say(app, '/fb search ｒｅｆｕｎｄ arrived'))).toEqual([ids.refund]);
    expect(idsIn(await say(app, '/fb search refund 物流'))).toEqual([]);
    const masked = await say(app, '/fb search 星期');
    expect(masked).toContain(ids.slow);
    expect(masked).not.toContain('13812345678');
    expect(await say(app, '/fb search 13812345678')).toBe('No item contains "13812345678"');
    expect(await say(app, '/fb search 100%_')).toBe('No item contains "100%_"');
  });

  test('paged, newest first', async () => {
    await insertItems(app.deps.db, Array.from({ length: 12 }, (_, n) => ({
      id: `page-${n}`, createdAt: new Date(Date.UTC(2026, 0, 1, n)).toISOString(), text: `第${n}个包裹的快递盒破损了`,
    })));
    const first = await say(app, '/fb search 快递盒');
    expect(idsIn(first)).toHaveLength(10);
    expect(first).toContain('Next page: /fb search 快递盒 page=2');
    expect(first).toMatch(/2026-01-01 19:00 ·/); // the newest (11:00 UTC) in Asia/Shanghai
    const second = await say(app, '/fb search 快递盒 page=2');
    expect(idsIn(second)).toHaveLength(2);
    expect(second).toContain('No more results');
    expect(second).toContain('2026-01-01 08:00 ·');
    expect(new Set([...idsIn(first), ...idsIn(second)]).size).toBe(12);
    expect(await say(app, '/fb search 快递盒 page=3')).toBe('There is no page 3 for "快递盒"');
    // Once the database has statistics, search plans by them (rare words straight to the index): same answers.
    await sql`ANALYZE feedback`.execute(app.deps.db);
    forgetTermFrequencies(app.deps.db);
    expect(idsIn(await say(app, '/fb search 快递盒'))).toEqual(idsIn(first));
    expect(idsIn(await say(app, '/fb search 快递盒 page=2'))).toEqual(idsIn(second));
    expect(idsIn(await say(app, '/fb search 物流'))).toEqual([ids.fast, ids.slow]);
    expect(idsIn(await say(app, '/fb search 星期'))).toEqual([ids.slow]);
    expect(await say(app, '/fb search 快递盒 page=x')).toBe('Page "page=x" is not valid; use 1 to 100');
    expect(await say(app, '/fb search')).toContain('Usage: /fb search');
    expect(await say(app, `/fb search ${'长'.repeat(51)}`)).toContain('at most 8 words of 50 characters');
  });

  test('a customer across two channels: tier, open items, ratings, history', async () => {
    const slowId = (await app.deps.db.selectFrom('feedback').select('id').where('customer_id', '=', 'c-1').where('channel', '=', 'phone').executeTakeFirstOrThrow()).id;
    await act(app, 'li-wei', slowId, 'claim');
    await act(app, 'li-wei', slowId, 'resolve', { code: 'solved' });
    const shown = await say(app, '/fb customer c-1');
    expect(shown).toContain('Customer c-1 Zhou');
    expect(shown).toContain('Tier: VIP');
    expect(shown).toContain('Items: 3');
    expect(shown).toMatch(/Channels: (chat 1 · email 1 · phone 1)/);
    expect(shown).toContain('Open now: 2');
    expect(shown).toContain('CSAT: 50% satisfied (average 3.5, 2 ratings)');
    expect(shown).toContain('Open items (2 of 2):');
    const history = shown.slice(shown.indexOf('All items'));
    expect(idsIn(history)).toEqual([ids.fast, ids.refund, ids.slow]);
    expect(history).toMatch(/· phone · Complaint · Logistics · Resolved/);
    expect(history).toContain('· email ·');
    expect(shown).not.toContain('13812345678');
    expect(shown).not.toContain(ids.apart);
    // By one of their items, too.
    expect(await say(app, `/fb customer ${ids.refund}`)).toContain('Customer c-1');
    expect(await say(app, '/fb customer c-2')).toContain('CSAT: 100% satisfied (average 5, 1 ratings)');
    expect(await say(app, '/fb customer nobody')).toBe('No customer "nobody"');
    expect(await say(app, '/fb customer')).toContain('Usage: /fb customer');
  });
});
