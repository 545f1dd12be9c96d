// One conformance suite for every chat adapter: each platform's test file calls it with its own
// signer and fake. Forged, tampered, replayed and malformed requests are refused; a valid click
// becomes the right neutral action; a retried delivery has one effect; every card kind renders
// within the platform's limits; a 429 and a 500 from the platform are retried, nothing lost or doubled.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Card, CardNode } from '../../cards/card.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import { itemListCard } from '../../cards/item-list-card.js';
import { todayStatsCard } from '../../cards/stats-card.js';
import type { App } from '../../src/app.js';
import { ACTION_NAMES, ITEM_STATES, PRIORITIES, RESOLUTION_CODES, TIERS, type FeedbackItem } from '../../src/domain/types.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { eventsOf, getItem } from '../../src/items/items-repo.js';
import { makeItem, NOW } from '../domain/fixtures.js';
import { postFeedback } from '../helpers/test-app.js';
import { databases, type DatabaseKind } from '../helpers/test-database.js';

export interface ConformanceHarness {
  name: string;
  /** The app with this adapter on; the platform user it clicks as is linked to agent 'li-wei'. */
  start(kind: DatabaseKind): Promise<App>;
  /** A claim click by that person exactly as the platform sends it; the same `deliveryId` again is a retried delivery. */
  click(itemId: string, deliveryId: string): InjectOptions;
  /** Requests the route must refuse, with the status expected; only the kinds this platform has. */
  badRequests(itemId: string): { name: string; request: InjectOptions; status: number }[];
  /** How the platform would show a card; the limits it breaks (none = within). */
  limitViolations(card: Card): string[];
  /** Makes the platform answer the next send with this status; only for platforms behind HTTP. */
  failNextSend?(status: 429 | 500, retryAfterSeconds?: number): void;
  /** Every attempt to send a message containing `text`, in order, and whether the platform took it. */
  sendAttempts?(text: string): { ok: boolean; at: number }[];
  /** Fallback texts of the cards the platform accepted into the intake chat, in order. */
  deliveredCards(app: App): Promise<string[]>;
}

const t = createTranslate('both');

export function describeConformance(h: ConformanceHarness): void {
  describe.each(databases)(`%s: ${h.name} adapter conformance`, (kind) => {
    let app: App;
    beforeAll(async () => { app = await h.start(kind); });
    afterAll(async () => { await app.close(); });

    const newItem = async (text: string) => (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json().id as string;
    const eventTypes = async (id: string) => (await eventsOf(app.deps.db, id)).map((e) => e.type);

    test('forged, tampered, replayed and malformed requests are refused and change nothing', async () => {
      const id = await newItem('Conformance: nobody may claim this with a bad request');
      const bad = h.badRequests(id);
      expect(bad.length).toBeGreaterThan(0);
      for (const { name, request, status } of bad) {
        const res = await app.inject(request);
        expect({ name, status: res.statusCode }).toEqual({ name, status });
      }
      expect(await eventTypes(id)).toEqual(['created']);
    });

    test('a valid click becomes the right neutral action, and a retried delivery has one effect', async () => {
      const id = await newItem('Conformance: claim me once');
      expect((await app.inject(h.click(id, `delivery-${id}`))).statusCode).toBeLessThan(300);
      // A platform retry is acknowledged; the local page, which has none, is told it is claimed already.
      for (let n = 0; n < 2; n++) expect((await app.inject(h.click(id, `delivery-${id}`))).statusCode).toBeLessThan(500);
      expect(await getItem(app.deps.db, id)).toMatchObject({ state: 'claimed', assignee: { id: 'li-wei' } });
      expect(await eventTypes(id)).toEqual(['created', 'claimed']);
    });

    test('every card kind renders within the platform limits, whatever the text', () => {
      fc.assert(fc.property(arbitraryItem, fc.boolean(), fc.constantFrom('feedback' as const, 'escalation' as const), (item, readOnly, variant) => {
        expect(h.limitViolations(feedbackCard(item, t, { readOnly, variant, now: NOW }))).toEqual([]);
      }), { numRuns: 150 });
      fc.assert(fc.property(fc.array(arbitraryItem, { maxLength: 60 }), text, (items, title) => {
        expect(h.limitViolations(itemListCard(title, items, t, NOW))).toEqual([]);
      }), { numRuns: 40 });
      fc.assert(fc.property(arbitraryCard, (card) => { expect(h.limitViolations(card)).toEqual([]); }), { numRuns: 150 });
      const stats = todayStatsCard({ received: 3, negative: 1, open: 2, overdue: 1, closedToday: 1, avgFirstResponseMinutes: 12, byKind: {}, byPriority: {}, topTopics: [] } as never, t, '2026-12-02');
      expect(h.limitViolations(stats)).toEqual([]);
    });

    if (h.failNextSend && h.sendAttempts) {
      const fail = h.failNextSend;
      const attempts = h.sendAttempts;
      test.each([429, 500] as const)('a %s from the platform is retried: the card arrives once', async (status) => {
        await app.outbox.drain();
        const before = (await h.deliveredCards(app)).length;
        fail(status, 1);
        const text = `Conformance: delivered once after a ${status} ${Math.random()}`;
        await newItem(text);
        const deadline = Date.now() + 10_000;
        do {
          await app.outbox.drain();
          if ((await h.deliveredCards(app)).some((c) => c.includes(text))) break;
          await new Promise((r) => setTimeout(r, 200));
        } while (Date.now() < deadline);
        const cards = await h.deliveredCards(app);
        expect(cards.filter((c) => c.includes(text))).toHaveLength(1);
        expect(cards.length).toBe(before + 1);
        const tries = attempts(text);
        expect(tries.map((a) => a.ok)).toEqual([false, true]);
        // Retry-After: 1 is honoured (a little slack for clock granularity).
        if (status === 429) expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
      }, 20_000);
    }
  });
}

// Texts people really send: long, Chinese and English mixed, emoji, markup-looking, control characters.
const odd = fc.constantFrom('<!channel>', '<@U123>', '&amp;', '*bold*', '`code`', '\u0000', '\n\n', '👨‍👩‍👧‍👦', '🔥', '退款', '快递没到！！！', 'é', '\u200b', '\uD83D', ' ');
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(odd, fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 400 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('快', 'a', '😀', '<', '&'), fc.integer({ min: 1, max: 9000 })).map(([ch, n]) => ch.repeat(n)),
);
const nonEmpty = text.map((s) => s || '-');

const arbitraryItem: fc.Arbitrary<FeedbackItem> = fc.record({
  text: nonEmpty, name: fc.option(text, { nil: null }), state: fc.constantFrom(...ITEM_STATES), priority: fc.constantFrom(...PRIORITIES),
  tier: fc.constantFrom(...TIERS), angry: fc.boolean(), seq: fc.integer({ min: 1, max: 10_000_000 }),
  assignee: fc.option(text, { nil: null }), resolution: fc.option(fc.constantFrom(...RESOLUTION_CODES), { nil: null }), topic: text, source: text,
}).map((r) => makeItem({
  id: `item-${r.seq}`, shortId: `FB-${r.seq}`, maskedText: r.text, customerName: r.name, state: r.state, priority: r.priority, tier: r.tier,
  angry: r.angry, assignee: r.assignee === null ? null : { id: 'a1', name: r.assignee }, resolution: r.resolution, topic: r.topic || 'other', source: r.source,
}));

const arbitraryNode: fc.Arbitrary<CardNode> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text, muted: fc.boolean() }),
  fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 30 }) }),
  fc.record({ type: fc.constant('context' as const), text }),
  fc.record({ type: fc.constant('image' as const), url: fc.webUrl(), alt: text }),
  fc.record({
    type: fc.constant('actions' as const),
    buttons: fc.array(fc.record({ label: text, action: fc.constantFrom(...ACTION_NAMES), itemId: fc.stringMatching(/^[\w-]{1,40}$/) }), { minLength: 1, maxLength: 30 }),
  }),
);

const arbitraryCard: fc.Arbitrary<Card> = fc.record({
  title: text, tone: fc.constantFrom('info' as const, 'warning' as const, 'danger' as const),
  body: fc.array(arbitraryNode, { maxLength: 70 }), fallback: text,
});
