// Generated traffic for warning tests: items written straight to the feedback table (as a history
// import would), with a seeded generator so every run sees the same "normal" month.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { createRng } from '../fuzz/inbound-requests.js';

export interface GenItem {
  at: Date; topic?: string; channel?: string; source?: string; customer?: string; text?: string;
  kind?: string; sentiment?: string; rating?: number | null;
  /** Minutes after `at` the first response came (null: none yet); the response is due 120 minutes after `at`. */
  respondedAfter?: number | null;
  state?: string;
  /** False for items stored without a card (imported history). */
  carded?: boolean;
}

export async function insertItems(db: Kysely<Database>, items: GenItem[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < items.length; i += 1000) {
    const batch = items.slice(i, i + 1000);
    const customers = [...new Set(batch.map((b) => b.customer ?? 'c-anon'))];
    const sources = [...new Set(batch.map((b) => b.source ?? 'web'))];
    await db.insertInto('customers').values(customers.map((id) => ({ id, name: null, phone_enc: null, email_enc: null }))).onConflict((oc) => oc.column('id').doNothing()).execute();
    await db.insertInto('sources').values(sources.map((name) => ({ name }))).onConflict((oc) => oc.column('name').doNothing()).execute();
    const rows = batch.map((b) => {
      const id = randomUUID();
      ids.push(id);
      const negative = b.kind === 'complaint' || b.sentiment === 'negative';
      const responded = b.respondedAfter === undefined ? 30 : b.respondedAfter;
      const text = b.text ?? (negative ? 'The parcel is late again' : 'Thanks, all good');
      return {
        id, source: b.source ?? 'web', external_id: null, customer_id: b.customer ?? 'c-anon', channel: b.channel ?? 'chat',
        text, text_norm: text.toLowerCase(), kind: b.kind ?? 'inquiry', topic: b.topic ?? 'other', sentiment: b.sentiment ?? 'neutral',
        score: 0, priority: 'general', classified_via: 'test', rating: b.rating ?? null, order_id: null, metadata: '{}',
        occurred_at: b.at, response_due_at: new Date(b.at.getTime() + 120 * 60_000), resolve_due_at: new Date(b.at.getTime() + 72 * 3_600_000),
        first_response_at: responded === null ? null : new Date(b.at.getTime() + responded * 60_000),
        state: b.state ?? (responded === null ? 'new' : 'closed'),
        closed_at: b.state === 'new' || responded === null ? null : new Date(b.at.getTime() + (responded + 60) * 60_000),
        resolved_at: null, resolution: null, assignee_id: null, carded: b.carded ?? true,
      };
    });
    await db.insertInto('feedback').values(rows).execute();
  }
  return ids;
}

/** A small deterministic generator: the fuzz suite's. */
export const seeded = createRng;

function poisson(rate: number, rnd: () => number): number {
  // Knuth's method; rates here stay well under 100.
  const limit = Math.exp(-rate);
  let k = 0;
  let p = rnd();
  while (p > limit) { k++; p *= rnd(); }
  return k;
}

const TOPICS: [string, number, number][] = [
  // topic, share of items, share of them negative
  ['logistics', 0.3, 0.45], ['quality', 0.2, 0.4], ['refund', 0.12, 0.5], ['attitude', 0.06, 0.6],
  ['price', 0.08, 0.3], ['product_function', 0.1, 0.25], ['account', 0.06, 0.35], ['other', 0.08, 0.1],
];
const CHANNELS: [string, number][] = [['chat', 0.45], ['app_review', 0.25], ['email', 0.15], ['phone', 0.15]];
const SOURCES: [string, number][] = [['web', 0.5], ['app', 0.35], ['email', 0.15]];

function pick<T>(options: [T, ...number[]][], rnd: () => number): [T, ...number[]] {
  let r = rnd();
  for (const option of options) { r -= option[1]!; if (r <= 0) return option; }
  return options.at(-1)!;
}

/** Items per hour by Shanghai hour of day: quiet nights, busy days; weekends at 70%. */
export function usualRate(at: Date): number {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const hour = local.getUTCHours();
  const day = local.getUTCDay();
  const daily = [2, 1, 1, 1, 1, 2, 4, 8, 14, 18, 20, 20, 18, 18, 20, 20, 18, 16, 16, 18, 20, 16, 10, 5][hour]!;
  return daily * (day === 0 || day === 6 ? 0.7 : 1);
}

/**
 * Normal traffic from `from` for `hours` hours: Poisson arrivals at the usual rate (times `boost`
 * on the hours it returns more than 1 for, a sale day), topics, channels and sources in their
 * usual shares, first responses mostly on time, ratings mostly good, customers rarely repeating.
 */
export function normalTraffic(from: Date, hours: number, seed: number, boost: (at: Date) => number = () => 1): GenItem[] {
  const rnd = seeded(seed);
  const items: GenItem[] = [];
  for (let h = 0; h < hours; h++) {
    const hourStart = from.getTime() + h * 3_600_000;
    const n = poisson(usualRate(new Date(hourStart)) * boost(new Date(hourStart)), rnd);
    for (let i = 0; i < n; i++) {
      const at = new Date(hourStart + Math.floor(rnd() * 3_600_000));
      const [topic, , negShare] = pick(TOPICS, rnd);
      const negative = rnd() < negShare!;
      items.push({
        at, topic, channel: pick(CHANNELS, rnd)[0], source: pick(SOURCES, rnd)[0],
        customer: `c-${Math.floor(rnd() * 1_000_000)}`,
        kind: negative ? 'complaint' : 'inquiry', sentiment: negative ? 'negative' : 'neutral',
        respondedAfter: rnd() < 0.92 ? Math.floor(rnd() * 100) : 130 + Math.floor(rnd() * 60),
        rating: rnd() < 0.3 ? (rnd() < 0.8 ? 4 + Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 3)) : null,
      });
    }
  }
  return items;
}
