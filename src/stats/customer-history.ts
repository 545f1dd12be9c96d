// One customer across every channel: who they are (tier), what they sent, what is still open,
// and how they rated us. All from indexes on customer_id, so it costs the same at any table size.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import { maskText } from '../privacy/mask.js';

export interface CustomerItem {
  id: string; shortId: string; createdAt: Date; channel: string; kind: string; topic: string; sentiment: string; state: string;
  rating: number | null; nps: number | null; text: string;
}

export interface CustomerHistory {
  id: string;
  name: string | null;
  tier: string;
  total: number;
  negative: number;
  firstAt: Date | null;
  lastAt: Date | null;
  byChannel: { channel: string; n: number }[];
  openItems: CustomerItem[];
  openCount: number;
  /** Ratings 1–5 given on their items; satisfied = 4 or 5. Null when they never rated. */
  csat: { responses: number; satisfied: number; average: number } | null;
  /** Their 0–10 recommendation answers: how many, and the latest given. Null when they never answered. */
  nps: { responses: number; latest: number } | null;
  history: CustomerItem[];
  page: number;
  hasMore: boolean;
}

export const CUSTOMER_LIMITS = { openShown: 5, pageSize: 10 } as const;
const OPEN_STATES = ['new', 'claimed', 'waiting_customer', 'escalated'];

/** The customer named by their id, or by one of their items ("FB-12"); undefined when neither exists. */
export async function customerHistory(db: Kysely<Database>, ref: string, page = 1): Promise<CustomerHistory | undefined> {
  const id = await customerIdOf(db, ref.trim());
  if (id === undefined) return undefined;
  const customer = await db.selectFrom('customers').select(['id', 'name', 'tier']).where('id', '=', id).executeTakeFirst();
  if (!customer) return undefined;
  const items = () => db.selectFrom('feedback').where('customer_id', '=', id);
  const columns = ['id', 'seq', 'created_at', 'channel', 'kind', 'topic', 'sentiment', 'state', 'rating', 'nps', 'text'] as const;
  const [totals, channels, open, history, latestNps] = await Promise.all([
    items().select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where sentiment = 'negative'))::int`.as('negative'),
      sql<number>`(count(*) filter (where state in ('new', 'claimed', 'waiting_customer', 'escalated')))::int`.as('open'),
      sql<Date | null>`min(created_at)`.as('first_at'),
      sql<Date | null>`max(created_at)`.as('last_at'),
      sql<number>`(count(rating) filter (where rating between 1 and 5))::int`.as('rated'),
      sql<number>`(count(*) filter (where rating >= 4 and rating <= 5))::int`.as('satisfied'),
      sql<number | null>`avg(rating) filter (where rating between 1 and 5)`.as('average'),
    ]).executeTakeFirstOrThrow(),
    items().select(['channel', sql<number>`count(*)::int`.as('n')]).groupBy('channel').orderBy('n', 'desc').orderBy('channel').execute(),
    items().select(columns).where('state', 'in', OPEN_STATES).orderBy('created_at', 'desc').limit(CUSTOMER_LIMITS.openShown).execute(),
    items().select(columns).orderBy('created_at', 'desc').orderBy('seq', 'desc')
      .limit(CUSTOMER_LIMITS.pageSize + 1).offset((page - 1) * CUSTOMER_LIMITS.pageSize).execute(),
    items().where('nps', 'is not', null).select(['nps', sql<number>`count(*) over ()`.as('answers')])
      .orderBy(sql`coalesce(rated_at, occurred_at)`, 'desc').limit(1).executeTakeFirst(),
  ]);
  const toItem = (r: (typeof history)[number]): CustomerItem => ({
    id: r.id, shortId: shortIdOf(r.seq), createdAt: new Date(r.created_at), channel: r.channel, kind: r.kind, topic: r.topic,
    sentiment: r.sentiment, state: r.state, rating: r.rating, nps: r.nps, text: maskText(r.text),
  });
  return {
    id: customer.id, name: customer.name, tier: customer.tier,
    total: totals.total, negative: totals.negative,
    firstAt: totals.first_at ? new Date(totals.first_at) : null, lastAt: totals.last_at ? new Date(totals.last_at) : null,
    byChannel: channels.map((c) => ({ channel: c.channel, n: c.n })),
    openItems: open.map(toItem), openCount: totals.open,
    csat: totals.rated > 0 ? { responses: totals.rated, satisfied: totals.satisfied, average: Math.round(Number(totals.average) * 10) / 10 } : null,
    nps: latestNps && latestNps.nps !== null ? { responses: Number(latestNps.answers), latest: latestNps.nps } : null,
    history: history.slice(0, CUSTOMER_LIMITS.pageSize).map(toItem), page, hasMore: history.length > CUSTOMER_LIMITS.pageSize,
  };
}

async function customerIdOf(db: Kysely<Database>, ref: string): Promise<string | undefined> {
  const item = /^fb-(\d{1,9})$/i.exec(ref);
  if (item) {
    const row = await db.selectFrom('feedback').select('customer_id').where('seq', '=', Number(item[1])).executeTakeFirst();
    return row?.customer_id;
  }
  return ref.length > 0 && ref.length <= 200 ? ref : undefined;
}
