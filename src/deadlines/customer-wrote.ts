// A customer writing to us again while one of their items waits on them: the wait is over. The
// item goes back to its assignee (claimed), its deadline clock runs on with the time it had left,
// the audit trail says why, and its cards are updated.
import type { Deps } from '../deps.js';
import { resumed } from '../domain/deadline-clock.js';
import { listChannels } from '../channels-repo.js';
import { selectItems } from '../items/items-repo.js';
import { itemRowToItem, type ItemRow } from '../items/item-row.js';
import { messagesForDecision } from '../items/messages-for.js';
import { enqueueMessages } from '../outbox/enqueue.js';

/** Resumes every item of `customerId` waiting on them; answers how many. A lost race is left to the winner. */
export async function resumeWaitingItems(deps: Pick<Deps, 'db' | 't' | 'clock' | 'config'>, customerId: string, newItemId: string): Promise<number> {
  const rows = await selectItems(deps.db).where('feedback.customer_id', '=', customerId).where('feedback.state', '=', 'waiting_customer').execute();
  let count = 0;
  for (const row of rows) {
    const before = itemRowToItem(row as ItemRow);
    const now = deps.clock.now();
    const after = { ...resumed(before, before.pausedAt ?? null, now, deps.config.deadlines.clock), state: 'claimed' as const, version: before.version + 1 };
    const applied = await deps.db.transaction().execute(async (trx) => {
      const won = await trx.updateTable('feedback')
        .set({ state: after.state, version: after.version, paused_at: null, response_due_at: after.responseDueAt, resolve_due_at: after.resolveDueAt })
        .where('id', '=', before.id).where('version', '=', before.version).executeTakeFirst();
      if (Number(won.numUpdatedRows) !== 1) return false;
      await trx.insertInto('feedback_events').values({
        feedback_id: before.id, type: 'customer_wrote', actor_id: null, created_at: now, data: JSON.stringify({ itemId: newItemId }),
      }).execute();
      const shownIn = await trx.selectFrom('card_messages').select(['platform', 'chat_id as chatId']).where('feedback_id', '=', before.id).execute();
      await enqueueMessages(trx, messagesForDecision(after, [], await listChannels(trx), shownIn, deps.t));
      return true;
    });
    if (applied) count++;
  }
  return count;
}
