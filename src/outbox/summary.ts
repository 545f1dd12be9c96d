// Rooms are never flooded: when more new cards wait for a room than its platform shows in a
// minute, the non-urgent ones are folded into the room's summary card (kept up to date as more
// are folded) and only the urgent ones keep their own cards, which go out first.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, SummaryCounts } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import { enqueueMessages } from './enqueue.js';

/** A summary untouched this long is finished; the next burst starts a new card. */
const SUMMARY_FRESH_MINUTES = 30;

/** Folds the waiting non-urgent new cards of one chat when there are more than `perMinute`. True when it folded. */
export async function foldIntoSummary(db: Kysely<Database>, platform: string, chatId: string, perMinute: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const waiting = await trx.selectFrom('outbox as o').innerJoin('feedback as f', 'f.id', 'o.feedback_id')
      .select(['o.id', 'f.id as item_id', 'f.seq', 'f.topic', 'f.priority'])
      .where('o.status', '=', 'pending').where('o.platform', '=', platform).where('o.chat_id', '=', chatId)
      .where('o.kind', '=', 'card.post').where(sql<string>`o.payload->>'variant'`, '=', 'feedback')
      .orderBy('o.id').execute();
    if (waiting.length <= perMinute) return false;
    const folded = waiting.filter((w) => w.priority !== 'urgent');
    if (folded.length === 0) return false;
    await trx.updateTable('outbox').set({ status: 'folded', sent_at: sql<Date>`now()` })
      .where('id', 'in', folded.map((f) => f.id)).where('status', '=', 'pending').execute();

    const current = await trx.selectFrom('chat_summaries').selectAll()
      .where('platform', '=', platform).where('chat_id', '=', chatId)
      .where('updated_at', '>', sql<Date>`now() - ${`${SUMMARY_FRESH_MINUTES} minutes`}::interval`)
      .forUpdate().executeTakeFirst();
    const counts: SummaryCounts = current?.counts ?? { total: 0, byTopic: {}, byPriority: {}, urgent: [] };
    for (const f of folded) {
      counts.total++;
      counts.byTopic[f.topic] = (counts.byTopic[f.topic] ?? 0) + 1;
      counts.byPriority[f.priority] = (counts.byPriority[f.priority] ?? 0) + 1;
    }
    for (const u of waiting.filter((w) => w.priority === 'urgent')) {
      if (!counts.urgent.some((c) => c.id === u.item_id)) counts.urgent.push({ id: u.item_id, shortId: shortIdOf(u.seq) });
    }
    await trx.insertInto('chat_summaries')
      .values({ platform, chat_id: chatId, counts: JSON.stringify(counts), message_ref: current?.message_ref ?? null })
      .onConflict((oc) => oc.columns(['platform', 'chat_id']).doUpdateSet({
        counts: JSON.stringify(counts), updated_at: sql<Date>`now()`,
        // A finished summary is not updated again: the new burst gets a new card.
        message_ref: current?.message_ref ?? null,
        ...(current ? {} : { started_at: sql<Date>`now()` }),
      }))
      .execute();
    await enqueueMessages(trx, [{ idempotencyKey: `summary:${platform}:${chatId}:${randomUUID()}`, platform, chatId, payload: { kind: 'summary' } }]);
    return true;
  });
}
