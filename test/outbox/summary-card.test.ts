// Rooms are never flooded: a burst of new items larger than a room's platform shows in a minute
// becomes one summary card (kept up to date by the next burst), and urgent items still get their
// own cards, before the summary.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import type { Card } from '../../cards/card.js';
import type { ChatAdapter, ChatRef, OutboundMessage, SentRef } from '../../adapters/chat-adapter.js';
import { ensureChannel } from '../../src/channels-repo.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, signedIntake } from '../helpers/test-app.js';

const URGENT_TEXT = '你们再不退款我就去12315投诉，还要找律师起诉你们';

/** A platform that shows one message per second per chat: 60 cards a minute. */
function fakeRoom() {
  const shown: { ref: string; card: Card; updates: number }[] = [];
  const adapter: ChatAdapter = {
    platform: 'slack',
    limits: { perChatPerSecond: 1 },
    async send(chat: ChatRef, message: OutboundMessage): Promise<SentRef> {
      if (!('card' in message)) throw new Error('expected a card');
      shown.push({ ref: `m-${shown.length + 1}`, card: message.card, updates: 0 });
      return { platform: 'slack', chatId: chat.chatId, messageRef: shown[shown.length - 1].ref };
    },
    async update(sent: SentRef, message: OutboundMessage) {
      const entry = shown.find((s) => s.ref === sent.messageRef)!;
      if ('card' in message) entry.card = message.card;
      entry.updates++;
    },
  };
  return { adapter, shown };
}

async function burst(app: App, from: number, count: number, urgentEvery: number) {
  const items = Array.from({ length: count }, (_, n) => ({
    text: (from + n) % urgentEvery === 0 ? `${URGENT_TEXT}（订单 ${from + n}）` : `第 ${from + n} 单的快递三天没更新物流`,
    customer: { id: `c-burst-${from + n}` }, channel: 'chat', external_id: `burst-${from + n}`,
  }));
  const res = await app.inject({ method: 'POST', url: '/intake/burst/batch', ...signedIntake({ items }) });
  expect(res.statusCode).toBe(202);
  return res.json().results as { status: string; id: string; short_id: string }[];
}

describe.each(databases)('%s: summary card under a burst', (kind) => {
  let app: App;
  const room = fakeRoom();
  beforeAll(async () => {
    app = await buildTestApp(kind);
    app.deps.adapters.set('slack', room.adapter);
    await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C-BURST', purpose: 'intake', name: 'burst', filters: { sources: ['burst'] }, readOnly: false });
    app.deps.channels.invalidate();
  });
  afterAll(async () => { await app.close(); });

  test('70 new items for a room that shows 60 a minute: urgent cards first, then one summary with the rest', async () => {
    const results = await burst(app, 0, 70, 25);
    const urgentIds = [0, 25, 50].map((n) => results[n].short_id);
    await app.outbox.drain();
    expect(room.shown.map((s) => s.card.title)).toEqual([
      ...urgentIds.map((id) => expect.stringContaining(id)),
      expect.stringContaining('67'),
    ]);
    const summary = room.shown[3].card;
    const text = JSON.stringify(summary.body);
    expect(text).toContain('/fb queue');
    for (const id of urgentIds) expect(text).toContain(id);
  });

  test('the next burst updates the same summary card and still cards its urgent items', async () => {
    const results = await burst(app, 100, 65, 30);
    await app.outbox.drain();
    const titles = room.shown.map((s) => s.card.title);
    // Items 120 and 150 are the urgent ones of this burst.
    expect(titles).toHaveLength(4 + 2);
    expect(titles.slice(4)).toEqual([expect.stringContaining(results[20].short_id), expect.stringContaining(results[50].short_id)]);
    const summary = room.shown[3];
    expect(summary.updates).toBe(1);
    expect(summary.card.title).toContain(String(67 + 63));
  });
});
