// Sends a warning's card: posted once per room, then updated in place (warning_messages keeps
// where it went). The card is rebuilt from the warning when sent, so a late delivery shows the
// newest state.
import { sql, type Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError, type ChatAdapter, type Platform } from '../../adapters/chat-adapter.js';
import { warningCard } from '../../cards/warning-card.js';
import type { Translate } from '../i18n/translate.js';
import { getWarning } from './warnings-repo.js';

export interface WarningDeliveryOptions { db: Kysely<Database>; adapters: Map<string, ChatAdapter>; t: Translate; timeZone: string }

export async function deliverWarningCard(o: WarningDeliveryOptions, row: OutboxRow, payload: { warningId: number; readOnly: boolean }): Promise<void> {
  const adapter = o.adapters.get(row.platform);
  if (!adapter) throw new PlatformError(row.platform as Platform, 'rejected', `platform ${row.platform} is not enabled`);
  const warning = await getWarning(o.db, payload.warningId);
  if (!warning) throw new PlatformError(adapter.platform, 'rejected', `warning ${payload.warningId} no longer exists`);
  const people = await warningPeople(o.db);
  const message = { card: warningCard(warning, o.t, { readOnly: payload.readOnly, timeZone: o.timeZone, people }), readOnly: payload.readOnly };
  const placed = await o.db.selectFrom('warning_messages').select('message_ref')
    .where('warning_id', '=', warning.id).where('platform', '=', row.platform).where('chat_id', '=', row.chat_id).executeTakeFirst();
  const chat = { platform: adapter.platform, chatId: row.chat_id };
  if (placed) return adapter.update({ ...chat, messageRef: placed.message_ref }, message);
  const sent = await adapter.send(chat, message, row.idempotency_key);
  await o.db.insertInto('warning_messages').values({ warning_id: warning.id, platform: row.platform, chat_id: row.chat_id, message_ref: sent.messageRef })
    .onConflict((oc) => oc.columns(['warning_id', 'platform', 'chat_id']).doUpdateSet({ message_ref: sent.messageRef, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Whom Assign offers: supervisors and managers first, then agents, by name. */
export async function warningPeople(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('agents').select(['id', 'name'])
    .orderBy(sql`case role when 'manager' then 0 when 'supervisor' then 1 when 'admin' then 2 else 3 end`).orderBy('name').limit(20).execute();
}
