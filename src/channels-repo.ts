// Chat channels (rooms) and the cache intake routes against: routing every item must not cost a
// read of the whole table. Another instance's change is seen within the cache's lifetime.
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
/** Registers a channel unless it is there already. */
export function ensureChannel(db: Kysely<Database>, c: RoutedChannel): Promise<void> {
  return ensureChannels(db, [c]);
}

/** Registers the channels that are not there yet, in one statement (one round trip at start-up). */
export async function ensureChannels(db: Kysely<Database>, channels: readonly RoutedChannel[]): Promise<void> {
  if (channels.length === 0) return;
  await db.insertInto('chat_channels')
    .values(channels.map((c) => ({ platform: c.platform, chat_id: c.chatId, purpose: c.purpose, name: c.name, filters: JSON.stringify(c.filters), read_only: c.readOnly })))
    .onConflict((oc) => oc.columns(['platform', 'chat_id', 'purpose']).doNothing())
    .execute();
}

export interface ChannelCache {
  /** The channels as of at most `ttlMs` ago. */
  list(): Promise<RoutedChannel[]>;
  /** A stored customer's tier, for routing an item whose draft does not name it. */
  tierOf(customerId: string): Promise<string>;
  /** Forget the cached list (after this process changed a channel). */
  invalidate(): void;
}

export function createChannelCache(db: Kysely<Database>, ttlMs = 5_000): ChannelCache {
  let cached: { at: number; channels: Promise<RoutedChannel[]> } | undefined;
  return {
    list() {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const channels = listChannels(db);
        cached = { at: Date.now(), channels };
        // A failed read is not kept: the next item tries again.
        channels.catch(() => { if (cached?.channels === channels) cached = undefined; });
      }
      return cached.channels;
    },
    tierOf: batchedTierLookup(db),
    invalidate() { cached = undefined; },
  };
}

/**
 * Tiers asked for in the same turn of the event loop are read in one query. Requests that arrive
 * together then reach the intake writer together and share its commit, instead of each waiting
 * on a look-up of its own and splitting the batch (and the database's work) by their latency.
 */
function batchedTierLookup(db: Kysely<Database>): (customerId: string) => Promise<string> {
  let pending: Map<string, { resolve(tier: string): void; reject(error: unknown): void }[]> | undefined;
  return (customerId) => new Promise<string>((resolve, reject) => {
    if (!pending) {
      const batch = new Map<string, { resolve(tier: string): void; reject(error: unknown): void }[]>();
      pending = batch;
      setImmediate(() => {
        pending = undefined;
        db.selectFrom('customers').select(['id', 'tier']).where('id', 'in', [...batch.keys()]).execute().then((rows) => {
          const tiers = new Map(rows.map((r) => [r.id, r.tier]));
          for (const [id, waiting] of batch) for (const w of waiting) w.resolve(tiers.get(id) ?? 'standard');
        }, (error: unknown) => {
          for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
        });
      });
    }
    const waiting = pending.get(customerId) ?? [];
    waiting.push({ resolve, reject });
    pending.set(customerId, waiting);
  });
}

/** Registers a chat for a purpose, or changes its filters and name when it has that purpose already. */
export async function setChannel(db: Kysely<Database>, c: RoutedChannel): Promise<void> {
  await db.insertInto('chat_channels')
    .values({ platform: c.platform, chat_id: c.chatId, purpose: c.purpose, name: c.name, filters: JSON.stringify(c.filters), read_only: c.readOnly })
    .onConflict((oc) => oc.columns(['platform', 'chat_id', 'purpose']).doUpdateSet({ name: c.name, filters: JSON.stringify(c.filters) }))
    .execute();
}

export async function removeChannel(db: Kysely<Database>, platform: string, chatId: string, purpose: ChannelPurpose): Promise<boolean> {
  const result = await db.deleteFrom('chat_channels').where('platform', '=', platform).where('chat_id', '=', chatId).where('purpose', '=', purpose).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
