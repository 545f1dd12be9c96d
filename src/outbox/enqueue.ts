import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { OutboxMessage } from './outbox-message.js';

/** Writes messages in the caller's transaction; a repeated idempotency key is a no-op. */
export async function enqueueMessages(trx: Kysely<Database>, messages: OutboxMessage[]): Promise<void> {
  // In slices: one statement of a large catch-up would pass PostgreSQL's 65,535 parameters.
  for (let at = 0; at < messages.length; at += 1000) await insertSlice(trx, messages.slice(at, at + 1000));
}

async function insertSlice(trx: Kysely<Database>, messages: OutboxMessage[]): Promise<void> {
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
