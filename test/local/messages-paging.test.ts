// GET /local/api/rooms/:room/messages pages back through a room with a `before` cursor.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { buildTestApp } from '../helpers/test-app.js';

interface Page { messages: { id: number; text: string; created_at: string; updated_at: string }[]; has_more: boolean }

describe('local room messages, page by page', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp('pglite');
    await app.deps.db.insertInto('local_messages')
      .values(Array.from({ length: 12 }, (_, n) => ({ room: 'digests', body: JSON.stringify({ kind: 'text', text: `line ${n + 1}` }) })))
      .execute();
  });
  afterAll(async () => { await app.close(); });

  const get = async (query: string) => app.inject({ method: 'GET', url: `/local/api/rooms/digests/messages${query}` });

  test('the newest page first, oldest first within it, then older pages until the start', async () => {
    const first = (await get('?limit=5')).json() as Page;
    expect(first.messages.map((m) => m.text)).toEqual(['line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    expect(first.has_more).toBe(true);
    expect(Object.keys(first.messages[0]).sort()).toEqual(['created_at', 'id', 'kind', 'room', 'text', 'updated_at']);

    const second = (await get(`?limit=5&before=${first.messages[0].id}`)).json() as Page;
    expect(second.messages.map((m) => m.text)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(second.has_more).toBe(true);

    const last = (await get(`?limit=5&before=${second.messages[0].id}`)).json() as Page;
    expect(last.messages.map((m) => m.text)).toEqual(['line 1', 'line 2']);
    expect(last.has_more).toBe(false);
  });

  test('a card in the API says item_id, like every other public answer', async () => {
    const { postFeedback } = await import('../helpers/test-app.js');
    const created = (await postFeedback(app, { text: '快递三天没更新物流', customer: { id: 'c-7' }, channel: 'chat' })).json();
    await app.outbox.drain();
    const cards = ((await app.inject({ method: 'GET', url: '/local/api/rooms/feedback/messages' })).json() as { messages: { card?: Record<string, unknown> }[] }).messages;
    const json = JSON.stringify(cards);
    expect(json).toContain(`"item_id":"${created.id}"`);
    expect(json).not.toContain('itemId');
    expect(json).not.toContain('readOnly');
  });

  test('a bad cursor or limit is a 400 naming the field, in both languages', async () => {
    const bad = await get('?before=abc&limit=9999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'limit', message: '不能大于 500 / must be at most 500' },
      { field: 'before', message: '应为数字 / must be a number' },
    ]);
  });
});
