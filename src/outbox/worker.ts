// The delivery worker: claims due outbox rows (FOR UPDATE SKIP LOCKED, so two instances never
// take the same one), keeps order per chat, sends with the stored idempotency key, and retries
// with exponential backoff. Rows are leased, not held in a transaction, while a platform is called.
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import type { OutboxPayload } from './outbox-message.js';

export interface Delivery {
  /** Sends one message; throws PlatformError (or anything) to have it retried. */
  deliver(row: OutboxRow, payload: OutboxPayload): Promise<void>;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Look for work now instead of at the next poll (called after a commit that enqueued). */
  kick(): void;
  /** Sends everything that is due, then resolves (tests and graceful shutdown). */
  drain(): Promise<void>;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  delivery: Delivery;
  log: Logger;
  pollMs: number;
  maxAttempts: number;
  batch?: number;
}

const LEASE_SECONDS = 60;
const MAX_BACKOFF_MS = 5 * 60_000;

export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let again = false;

  async function tick(): Promise<number> {
    const rows = await claimDue(o.db, o.batch ?? 20);
    // Rows of different chats go out together; within one chat claimDue already returns one at a time.
    await Promise.all(rows.map((row) => sendOne(row)));
    return rows.length;
  }

  async function sendOne(row: OutboxRow): Promise<void> {
    try {
      await o.delivery.deliver(row, row.payload as OutboxPayload);
      await o.db.updateTable('outbox').set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: null }).where('id', '=', row.id).execute();
    } catch (error) {
      const attempts = row.attempts;
      const permanent = (error instanceof PlatformError && error.code === 'rejected') || attempts >= o.maxAttempts;
      const delay = error instanceof PlatformError && error.retryAfterMs !== undefined
        ? error.retryAfterMs
        : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      o.log.warn({ outboxId: row.id, platform: row.platform, chat: row.chat_id, attempts, permanent, err: message }, 'outbox delivery failed');
      await o.db.updateTable('outbox')
        .set({
          status: permanent ? 'failed' : 'pending',
          last_error: message.slice(0, 500),
          next_attempt_at: sql<Date>`now() + ${`${Math.round(delay)} milliseconds`}::interval`,
        })
        .where('id', '=', row.id).execute();
    }
  }

  function run(): Promise<number> {
    if (running) { again = true; return running; }
    running = tick().finally(() => {
      running = undefined;
      if (again && !stopped) { again = false; void run(); }
    });
    return running;
  }

  return {
    start() {
      stopped = false;
      const loop = async () => {
        try { await run(); } catch (error) { o.log.error({ err: String(error) }, 'outbox poll failed'); }
        if (!stopped) timer = setTimeout(loop, o.pollMs);
      };
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    kick() { if (!stopped) void run().catch((error) => o.log.error({ err: String(error) }, 'outbox run failed')); },
    async drain() {
      for (let i = 0; i < 1000; i++) {
        if (running) await running.catch(() => undefined);
        const sent = await tick();
        if (sent === 0) return;
      }
    },
  };
}

/**
 * Takes up to `limit` due rows, at most the oldest pending one of each chat, and leases them.
 * A row waiting for its retry blocks the later rows of its chat: messages stay in order.
 */
async function claimDue(db: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('outbox as o')
      .selectAll()
      .where('o.status', '=', 'pending')
      .where('o.next_attempt_at', '<=', sql<Date>`now()`)
      .where(({ not, exists, selectFrom }) => not(exists(
        selectFrom('outbox as earlier').select(sql`1`.as('one'))
          .whereRef('earlier.platform', '=', 'o.platform').whereRef('earlier.chat_id', '=', 'o.chat_id')
          .where('earlier.status', '=', 'pending').whereRef('earlier.id', '<', 'o.id'),
      )))
      .orderBy('o.id').limit(limit).forUpdate().skipLocked()
      .execute();
    if (due.length === 0) return [];
    const leased = await trx.updateTable('outbox')
      .set({ attempts: sql`attempts + 1`, next_attempt_at: sql<Date>`now() + ${`${LEASE_SECONDS} seconds`}::interval` })
      .where('id', 'in', due.map((r) => r.id))
      .returningAll().execute();
    return leased.sort((a, b) => a.id - b.id);
  });
}
