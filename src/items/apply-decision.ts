// State, audit events and outgoing messages commit together; a worker sends later.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Decision, FeedbackItem, ItemEvent } from '../domain/types.js';
import { enqueueMessages } from '../outbox/enqueue.js';
import { listChannels } from '../channels-repo.js';
import { messagesForDecision } from './messages-for.js';
import type { Translate } from '../i18n/translate.js';

export type Applied = { applied: true; replyIds: number[] } | { applied: false };

export async function applyDecision(
  db: Kysely<Database>, before: FeedbackItem, d: Extract<Decision, { ok: true }>, t: Translate,
): Promise<Applied> {
  return db.transaction().execute(async (trx) => {
    const item = d.item;
    // The conditional update is the race guard: of two clicks on one version only one matches.
    const won = await trx.updateTable('feedback')
      .set({
        state: item.state, version: item.version, assignee_id: item.assignee?.id ?? null,
        first_response_at: item.firstResponseAt, resolved_at: item.resolvedAt, closed_at: item.closedAt,
        resolution: item.resolution,
        // The deadline clock (withDeadlineClock): paused while waiting, fresh limits on reopen.
        response_due_at: item.responseDueAt, resolve_due_at: item.resolveDueAt, paused_at: item.pausedAt ?? null,
        responded_at: item.respondedAt ?? null, deadline_cycle: item.deadlineCycle ?? 0,
      })
      .where('id', '=', item.id).where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) return { applied: false as const };
    await trx.insertInto('feedback_events').values(d.events.map((e) => eventRow(e))).execute();
    const replyIds: number[] = [];
    for (const e of d.events) {
      if (e.type !== 'replied') continue;
      const reply = await trx.insertInto('replies')
        .values({ feedback_id: item.id, agent_id: e.by.id, channel: item.channel, text: e.text })
        .returning('id').executeTakeFirstOrThrow();
      replyIds.push(reply.id);
    }
    const shownIn = await trx.selectFrom('card_messages').select(['platform', 'chat_id as chatId']).where('feedback_id', '=', item.id).execute();
    const messages = messagesForDecision(item, d.events, await listChannels(trx), shownIn, t);
    for (const replyId of replyIds) {
      messages.push({
        idempotencyKey: `reply:${replyId}`, platform: 'customer', chatId: item.source, itemId: item.id,
        payload: { kind: 'customer.reply', replyId, itemId: item.id },
      });
    }
    await enqueueMessages(trx, messages);
    return { applied: true as const, replyIds };
  });
}

function eventRow(e: ItemEvent) {
  const { type, itemId, by, at, ...data } = e;
  return { feedback_id: itemId, type, actor_id: by.id, data: JSON.stringify(data), created_at: at };
}
