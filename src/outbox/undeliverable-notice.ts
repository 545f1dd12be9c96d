// A chat that cannot take messages any more (token revoked, bot removed, channel archived) is not
// silent: the other rooms of the same purpose, on any platform, get a notice, once a day per
// broken chat rather than once per lost message. Hooked to the worker's permanent failures.
import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import { listChannels } from '../channels-repo.js';
import type { Translate } from '../i18n/translate.js';
import { enqueueMessages } from './enqueue.js';
import type { OutboxMessage } from './outbox-message.js';

export function createUndeliverableNotice(o: { db: Kysely<Database>; t: Translate; now: () => Date; kick: () => void }) {
  return async (row: OutboxRow, error: unknown): Promise<void> => {
    // Customer replies have their own status; a notice that fails must not beget notices.
    if (row.platform === 'customer' || row.idempotency_key.startsWith('notice:')) return;
    const channels = await listChannels(o.db);
    const broken = channels.filter((c) => c.platform === row.platform && c.chatId === row.chat_id);
    if (broken.length === 0) return;
    // Platform error messages carry the method and Slack's code, never message content.
    const reason = error instanceof PlatformError ? error.message.slice(0, 200) : error instanceof Error ? error.name : 'error';
    const text = o.t('delivery.failed_notice', { room: `${row.platform} · ${broken[0]!.name}`, reason });
    const day = o.now().toISOString().slice(0, 10);
    const targets = new Map<string, OutboxMessage>();
    for (const c of channels) {
      if ((c.platform === row.platform && c.chatId === row.chat_id) || !broken.some((b) => b.purpose === c.purpose)) continue;
      const key = `notice:undeliverable:${row.platform}:${row.chat_id}:${day}:${c.platform}:${c.chatId}`;
      targets.set(key, { idempotencyKey: key, platform: c.platform, chatId: c.chatId, payload: { kind: 'text', text } });
    }
    await enqueueMessages(o.db, [...targets.values()]);
    if (targets.size > 0) o.kick();
  };
}
