// Reading items and their audit trail. Repositories take db or a transaction first.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FeedbackItem } from '../domain/types.js';
import { itemRowToItem, type AttachmentJson, type ItemRow } from './item-row.js';

type Db = Kysely<Database>;

/** Items with their assignee name and customer; callers add the filters. */
export function selectItems(db: Db) {
  return db
    .selectFrom('feedback')
    .innerJoin('customers', 'customers.id', 'feedback.customer_id')
    .leftJoin('agents', 'agents.id', 'feedback.assignee_id')
    .selectAll('feedback')
    .select(['agents.name as assignee_name', 'customers.name as customer_name', 'customers.tier as tier'])
    // Cards show how many internal notes an item has; feedback_events is indexed by item.
    .select((eb) => eb.selectFrom('feedback_events').select(sql<number>`count(*)::int`.as('n'))
      .whereRef('feedback_events.feedback_id', '=', 'feedback.id').where('feedback_events.type', '=', 'noted').as('note_count'))
    // Cards show the item's pictures: their names and sizes here, the bytes only when served or uploaded.
    .select(sql<AttachmentJson[] | null>`(select json_agg(json_build_object('id', a.id, 'name', a.name, 'content_type', a.content_type, 'size', a.size) order by a.ord)
      from attachments a where a.feedback_id = feedback.id)`.as('attachments'));
}

export async function getItem(db: Db, id: string): Promise<FeedbackItem | undefined> {
  const row = await selectItems(db).where('feedback.id', '=', id).executeTakeFirst();
  return row ? itemRowToItem(row as ItemRow) : undefined;
}

/** Several items by id at once (the delivery worker loads a run's items in one query). */
export async function getItems(db: Db, ids: string[]): Promise<Map<string, FeedbackItem>> {
  if (ids.length === 0) return new Map();
  const rows = await selectItems(db).where('feedback.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, itemRowToItem(r as ItemRow)]));
}

/** Finds an item by its id or by the number people type ("FB-12", "fb12", "12"). */
export async function findItem(db: Db, ref: string): Promise<FeedbackItem | undefined> {
  const number = /^(?:fb-?)?(\d{1,9})$/i.exec(ref.trim());
  if (number) {
    const row = await selectItems(db).where('feedback.seq', '=', Number(number[1])).executeTakeFirst();
    return row ? itemRowToItem(row as ItemRow) : undefined;
  }
  return getItem(db, ref.trim());
}

const OPEN_STATES = ['new', 'claimed', 'waiting_customer', 'escalated'];
const PRIORITY_ORDER = sql<number>`case feedback.priority when 'urgent' then 0 when 'general' then 1 else 2 end`;

export async function listOpen(db: Db, options: { limit: number; assigneeId?: string }): Promise<FeedbackItem[]> {
  let query = selectItems(db).where('feedback.state', 'in', OPEN_STATES);
  if (options.assigneeId) query = query.where('feedback.assignee_id', '=', options.assigneeId);
  const rows = await query.orderBy(PRIORITY_ORDER).orderBy('feedback.response_due_at').limit(options.limit).execute();
  return rows.map((r) => itemRowToItem(r as ItemRow));
}

export async function countOpen(db: Db, assigneeId?: string): Promise<number> {
  let query = db.selectFrom('feedback').select(sql<number>`count(*)::int`.as('n')).where('state', 'in', OPEN_STATES);
  if (assigneeId) query = query.where('assignee_id', '=', assigneeId);
  return (await query.executeTakeFirstOrThrow()).n;
}

export interface EventView { type: string; actorId: string | null; actorName: string | null; data: Record<string, unknown>; at: Date }

export async function eventsOf(db: Db, itemId: string): Promise<EventView[]> {
  const rows = await db
    .selectFrom('feedback_events')
    .leftJoin('agents', 'agents.id', 'feedback_events.actor_id')
    .select(['feedback_events.type', 'feedback_events.actor_id', 'agents.name', 'feedback_events.data', 'feedback_events.created_at'])
    .where('feedback_id', '=', itemId)
    .orderBy('feedback_events.id')
    .execute();
  return rows.map((r) => ({ type: r.type, actorId: r.actor_id, actorName: r.name, data: r.data, at: r.created_at }));
}
