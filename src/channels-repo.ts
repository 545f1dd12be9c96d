import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { ChannelPurpose, RoutedChannel } from './routing.js';

export async function listChannels(db: Kysely<Database>): Promise<RoutedChannel[]> {
  const rows = await db.selectFrom('chat_channels').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    platform: r.platform, chatId: r.chat_id, purpose: r.purpose as ChannelPurpose,
    name: r.name, filters: r.filters ?? {}, readOnly: r.read_only,
  }));
}

/** Adds a channel unless the same (platform, chat, purpose) exists already. */
export async function ensureChannel(db: Kysely<Database>, c: RoutedChannel): Promise<void> {
  await db.insertInto('chat_channels')
    .values({ platform: c.platform, chat_id: c.chatId, purpose: c.purpose, name: c.name, filters: JSON.stringify(c.filters), read_only: c.readOnly })
    .onConflict((oc) => oc.columns(['platform', 'chat_id', 'purpose']).doNothing())
    .execute();
}
