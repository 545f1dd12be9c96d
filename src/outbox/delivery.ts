// Turns an outbox row into a platform call: cards are rebuilt from the item as it is now, and
// where an item's card went is recorded (card_messages) so later changes update it in place.
// Pacing, order, retries and leases are the worker's (worker.ts); this file only sends.
import { sql, type Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError, type ChatAdapter, type ChatRef, type Platform } from '../../adapters/chat-adapter.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import { summaryCard } from '../../cards/summary-card.js';
import { getItems } from '../items/items-repo.js';
import type { FeedbackItem } from '../domain/types.js';
import type { Translate } from '../i18n/translate.js';
import type { Delivery } from './worker.js';
import type { OutboxPayload } from './outbox-message.js';
import type { ReplySender } from './reply-sender.js';
import { foldIntoSummary } from './summary.js';
import { deliverStoredFile } from '../digests/deliver-digest.js';
import type { LinkSigner } from '../exports/signed-link.js';
import { identitiesOfAgents, identitiesWithRole } from '../agents-repo.js';
import type { DeadlineClock } from '../domain/business-time.js';
import { deliverWarningCard } from '../warnings/deliver-warning.js';
import { attachmentUrls } from '../attachments/attachment-links.js';
import type { Config } from '../config.js';

export interface DeliveryOptions {
  db: Kysely<Database>;
  adapters: Map<string, ChatAdapter>;
  t: Translate;
  now: () => Date;
  replies: ReplySender;
  /** Signs links to files the bot serves (a digest's chart in the local chat, an item's pictures). */
  links: LinkSigner;
  /** The bot's address for links opened outside the local chat (PUBLIC_URL). */
  linkBase: Pick<Config, 'publicUrl' | 'host' | 'port'>;
  /** Business hours, so cards count working time left. */
  deadlineClock?: DeadlineClock;
  /** The zone times on warning cards are shown in. */
  timeZone?: string;
  /** Offered in the Reply form of every card. */
  replyTemplates?: { id: string; name: string }[];
}

export function createDelivery(o: DeliveryOptions): Delivery {
  // What prepare() loaded for the runs in progress, dropped as each message is sent.
  const items = new Map<string, FeedbackItem>();
  const shown = new Map<string, string>();
  const placed = new Map<string, { feedback_id: string; platform: string; chat_id: string; message_ref: string }>();
  const shownKey = (itemId: string, platform: string, chatId: string) => `${itemId}\u0000${platform}\u0000${chatId}`;

  function adapterFor(row: OutboxRow): ChatAdapter {
    const adapter = o.adapters.get(row.platform);
    if (!adapter) throw new PlatformError(row.platform as Platform, 'rejected', `platform ${row.platform} is not enabled`);
    return adapter;
  }

  function itemCard(item: FeedbackItem, platform: Platform, readOnly: boolean, variant: 'feedback' | 'escalation', now = o.now()) {
    return feedbackCard(item, o.t, {
      readOnly, variant, now, replyTemplates: o.replyTemplates, clock: o.deadlineClock, attachmentUrl: attachmentUrls(o.links, o.linkBase, now, platform),
    });
  }

  async function deliverCard(row: OutboxRow, payload: Extract<OutboxPayload, { kind: 'card.post' | 'card.update' }>) {
    const adapter = adapterFor(row);
    const chat: ChatRef = { platform: adapter.platform, chatId: row.chat_id };
    const key = shownKey(payload.itemId, row.platform, row.chat_id);
    let item = items.get(payload.itemId);
    let messageRef = shown.get(key);
    if (!item) {
      item = (await getItems(o.db, [payload.itemId])).get(payload.itemId);
      const found = await o.db.selectFrom('card_messages').select('message_ref')
        .where('feedback_id', '=', payload.itemId).where('platform', '=', row.platform).where('chat_id', '=', row.chat_id).executeTakeFirst();
      messageRef = placed.get(key)?.message_ref ?? found?.message_ref;
    }
    if (!item) throw new PlatformError(adapter.platform, 'rejected', `item ${payload.itemId} no longer exists`);
    const message = { card: itemCard(item, adapter.platform, payload.readOnly, payload.variant), readOnly: payload.readOnly };
    if (messageRef) await adapter.update({ ...chat, messageRef }, message);
    // An update for a room that never showed the escalation card has nothing to update.
    else if (payload.kind === 'card.update' && payload.variant === 'escalation') return;
    else messageRef = (await adapter.send(chat, message, row.idempotency_key)).messageRef;
    shown.set(key, messageRef);
    // Written with the run's "sent" marks (flush), not one round trip per card.
    placed.set(key, { feedback_id: item.id, platform: row.platform, chat_id: row.chat_id, message_ref: messageRef });
  }

  async function flushPlaced() {
    if (placed.size === 0) return;
    const rows = [...placed.values()];
    placed.clear();
    await o.db.insertInto('card_messages').values(rows)
      .onConflict((oc) => oc.columns(['feedback_id', 'platform', 'chat_id']).doUpdateSet({ message_ref: (eb) => eb.ref('excluded.message_ref'), updated_at: sql<Date>`now()` }))
      .execute();
  }

  async function deliverSummary(row: OutboxRow) {
    const adapter = adapterFor(row);
    const chat: ChatRef = { platform: adapter.platform, chatId: row.chat_id };
    const summary = await o.db.selectFrom('chat_summaries').selectAll()
      .where('platform', '=', row.platform).where('chat_id', '=', row.chat_id).executeTakeFirst();
    if (!summary) return;
    const message = { card: summaryCard(summary.counts, o.t), readOnly: true };
    if (summary.message_ref) return adapter.update({ ...chat, messageRef: summary.message_ref }, message);
    const sent = await adapter.send(chat, message, row.idempotency_key);
    await o.db.updateTable('chat_summaries').set({ message_ref: sent.messageRef })
      .where('platform', '=', row.platform).where('chat_id', '=', row.chat_id).where('message_ref', 'is', null).execute();
  }

  return {
    async prepare(rows) {
      const cardRows = rows.filter((r) => (r.payload as OutboxPayload).kind.startsWith('card.'));
      const ids = [...new Set(cardRows.map((r) => (r.payload as { itemId: string }).itemId))];
      if (ids.length === 0) return;
      for (const [id, item] of await getItems(o.db, ids)) items.set(id, item);
      const { platform, chat_id: chatId } = cardRows[0];
      const found = await o.db.selectFrom('card_messages').select(['feedback_id', 'message_ref'])
        .where('feedback_id', 'in', ids).where('platform', '=', platform).where('chat_id', '=', chatId).execute();
      for (const f of found) shown.set(shownKey(f.feedback_id, platform, chatId), f.message_ref);
    },
    async deliver(row: OutboxRow, payload: OutboxPayload) {
      try {
        if (payload.kind === 'customer.reply') return await o.replies.send(payload.replyId);
        if (payload.kind === 'summary') return await deliverSummary(row);
        if (payload.kind === 'digest.card' || payload.kind === 'digest.chart' || payload.kind === 'export.file') {
          return await deliverStoredFile({ db: o.db, t: o.t, now: o.now, links: o.links }, adapterFor(row), row, payload);
        }
        if (payload.kind === 'warning.post' || payload.kind === 'warning.update') return await deliverWarningCard({ ...o, timeZone: o.timeZone ?? 'Asia/Shanghai' }, row, payload);
        if (payload.kind === 'text') {
          const adapter = adapterFor(row);
          const mentions = [
            ...(payload.ping ? await identitiesWithRole(o.db, adapter.platform, payload.ping) : []),
            ...(payload.pingAgents ? await identitiesOfAgents(o.db, adapter.platform, payload.pingAgents) : []),
          ];
          await adapter.send({ platform: adapter.platform, chatId: row.chat_id }, { text: payload.text, ...(mentions.length ? { mentions } : {}) }, row.idempotency_key);
          return;
        }
        await deliverCard(row, payload);
      } finally {
        if (payload.kind === 'card.post' || payload.kind === 'card.update') {
          items.delete(payload.itemId);
          shown.delete(shownKey(payload.itemId, row.platform, row.chat_id));
        }
      }
    },
    flush: flushPlaced,
    async deliverMany(rows) {
      const adapter = o.adapters.get(rows[0].platform);
      if (!adapter?.sendMany) return 0;
      // Only new cards whose item is loaded and not yet shown in this chat go together; anything
      // else ends the group and is sent on its own.
      const group: { row: OutboxRow; itemId: string; key: string; readOnly: boolean; item: FeedbackItem }[] = [];
      for (const row of rows) {
        const p = row.payload as OutboxPayload;
        if (p.kind !== 'card.post' || p.variant !== 'feedback') break;
        const key = shownKey(p.itemId, row.platform, row.chat_id);
        const item = items.get(p.itemId);
        if (!item || shown.has(key) || placed.has(key)) break;
        group.push({ row, itemId: p.itemId, key, readOnly: p.readOnly, item });
      }
      if (group.length < 2) return 0;
      const now = o.now();
      const refs = await adapter.sendMany({ platform: adapter.platform, chatId: rows[0].chat_id }, group.map((g) => ({
        message: { card: itemCard(g.item, adapter.platform, g.readOnly, 'feedback', now), readOnly: g.readOnly },
        idempotencyKey: g.row.idempotency_key,
      })));
      group.forEach((g, k) => {
        placed.set(g.key, { feedback_id: g.itemId, platform: g.row.platform, chat_id: g.row.chat_id, message_ref: refs[k].messageRef });
        items.delete(g.itemId);
      });
      return group.length;
    },
    fold: (platform, chatId, perMinute) => foldIntoSummary(o.db, platform, chatId, perMinute),
  };
}
