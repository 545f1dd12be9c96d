import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { OutboxMessage } from './outbox-message.js';

/** Writes messages in the caller's transaction; a repeated idempotency key is a no-op. */
export async function enqueueMessages(trx: Kysely<Database>, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(messages.map((m) => ({
      idempotency_key: m.idempotencyKey,
      platform: m.platform,
      chat_id: m.chatId,
      kind: m.payload.kind,
      feedback_id: m.itemId ?? null,
      payload: JSON.stringify(m.payload),
      last_error: null,
      sent_at: null,
    })))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
