// Items written straight into feedback with chosen times, for statistics checked by hand. The
// rollup triggers see these inserts and updates exactly as they see intake's and the cards'.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

export interface FixtureItem {
  id: string;
  createdAt: string;
  topic?: string; channel?: string; kind?: string; sentiment?: string; priority?: string;
  state?: string; assignee?: string | null; customer?: string; text?: string;
  responseDueAt?: string; resolveDueAt?: string;
  firstResponseAt?: string | null; resolvedAt?: string | null; closedAt?: string | null;
  rating?: number | null;
}

let seq = 0;

export async function insertItems(db: Kysely<Database>, items: FixtureItem[]): Promise<void> {
  await sql`INSERT INTO sources (name) VALUES ('fixture') ON CONFLICT DO NOTHING`.execute(db);
  for (const c of new Set(items.map((i) => i.customer ?? 'c-fixture'))) {
    await sql`INSERT INTO customers (id) VALUES (${c}) ON CONFLICT DO NOTHING`.execute(db);
  }
  await db.insertInto('feedback').values(items.map((i) => ({
    id: i.id, source: 'fixture', external_id: `x-${i.id}-${++seq}`, customer_id: i.customer ?? 'c-fixture', channel: i.channel ?? 'chat',
    text: i.text ?? `item ${i.id}`, text_norm: `${i.id}-${seq}`, kind: i.kind ?? 'complaint', topic: i.topic ?? 'other',
    sentiment: i.sentiment ?? 'neutral', score: 0.5, priority: i.priority ?? 'general', classified_via: 'offline',
    state: i.state ?? 'new', assignee_id: i.assignee ?? null, metadata: '{}', occurred_at: i.createdAt, created_at: new Date(i.createdAt),
    response_due_at: i.responseDueAt ?? new Date(Date.parse(i.createdAt) + 2 * 3600_000).toISOString(),
    resolve_due_at: i.resolveDueAt ?? new Date(Date.parse(i.createdAt) + 72 * 3600_000).toISOString(),
    first_response_at: i.firstResponseAt ? new Date(i.firstResponseAt) : null,
    resolved_at: i.resolvedAt ? new Date(i.resolvedAt) : null,
    closed_at: i.closedAt ? new Date(i.closedAt) : null,
    rating: i.rating ?? null,
  }))).execute();
}
