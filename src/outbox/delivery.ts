// Turns an outbox row into a platform call: cards are rebuilt from the item as it is now, and
// where an item's card went is recorded (card_messages) so later changes update it in place.
import { sql, type Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError, type ChatAdapter, type ChatRef, type Platform } from '../../adapters/chat-adapter.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import { getItem } from '../items/items-repo.js';
import type { Translate } from '../i18n/translate.js';
import type { Delivery } from './worker.js';
import type { OutboxPayload } from './outbox-message.js';
import type { ReplySender } from './reply-sender.js';

export interface DeliveryOptions {
  db: Kysely<Database>;
  adapters: Map<string, ChatAdapter>;
  t: Translate;
  now: () => Date;
  replies: ReplySender;
}

export function createDelivery(o: DeliveryOptions): Delivery {
  const lastSend = new Map<string, number>();

  // Per-chat pacing: platforms reject bursts (Slack about 1 message per second per channel).
  async function pace(adapter: ChatAdapter, chatId: string) {
    const key = `${adapter.platform}:${chatId}`;
    const gap = 1000 / adapter.limits.perChatPerSecond;
    const wait = (lastSend.get(key) ?? 0) + gap - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastSend.set(key, Date.now());
  }

  return {
    async deliver(row: OutboxRow, payload: OutboxPayload) {
      if (payload.kind === 'customer.reply') return o.replies.send(payload.replyId);
      const adapter = o.adapters.get(row.platform);
      if (!adapter) throw new PlatformError(row.platform as Platform, 'rejected', `platform ${row.platform} is not enabled`);
      const chat: ChatRef = { platform: adapter.platform, chatId: row.chat_id };
      await pace(adapter, row.chat_id);
      if (payload.kind === 'text') {
        await adapter.send(chat, { text: payload.text }, row.idempotency_key);
        return;
      }
      const item = await getItem(o.db, payload.itemId);
      if (!item) throw new PlatformError(adapter.platform, 'rejected', `item ${payload.itemId} no longer exists`);
      const message = { card: feedbackCard(item, o.t, { readOnly: payload.readOnly, variant: payload.variant, now: o.now() }), readOnly: payload.readOnly };
      const shown = await o.db.selectFrom('card_messages').select('message_ref')
        .where('feedback_id', '=', item.id).where('platform', '=', row.platform).where('chat_id', '=', row.chat_id)
        .executeTakeFirst();
      let messageRef = shown?.message_ref;
      if (messageRef) await adapter.update({ ...chat, messageRef }, message);
      // An update for a room that never showed the escalation card has nothing to update.
      else if (payload.kind === 'card.update' && payload.variant === 'escalation') return;
      else messageRef = (await adapter.send(chat, message, row.idempotency_key)).messageRef;
      await o.db.insertInto('card_messages')
        .values({ feedback_id: item.id, platform: row.platform, chat_id: row.chat_id, message_ref: messageRef })
        .onConflict((oc) => oc.columns(['feedback_id', 'platform', 'chat_id']).doUpdateSet({ message_ref: messageRef, updated_at: sql<Date>`now()` }))
        .execute();
    },
  };
}
