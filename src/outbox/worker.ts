// The delivery worker. It works chat by chat: an instance leases a chat for a few seconds
// (outbox_chats), sends a run of that chat's pending messages in order at the platform's pace,
// and hands the chat back with the time its next message may go. The lease makes order per chat
// and exactly-one-sender hold across instances; the stored pace makes two instances on one
// database never exceed a chat's limit together; a crashed instance's chats come free when its
// lease runs out. Chats are independent: a slow, failing or rate-limited chat holds up no other.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import type { OutboxPayload } from './outbox-message.js';
import { coalesceRun } from './coalesce.js';

export interface Delivery {
  /** Loads what a run of one chat's messages needs in one go, before they are sent (optional). */
  prepare?(rows: OutboxRow[]): Promise<void>;
  /** Sends one message; throws PlatformError (or anything) to have it retried. */
  deliver(row: OutboxRow, payload: OutboxPayload): Promise<void>;
  /**
   * Sends the first few of `rows` (one unpaced chat's, in order) in one platform call when the
   * platform can; returns how many were sent, 0 when the first must go on its own (optional).
   */
  deliverMany?(rows: OutboxRow[]): Promise<number>;
  /** Writes what the sends since the last call recorded (where cards went), before they are marked sent (optional). */
  flush?(): Promise<void>;
  /**
   * Called for a chat before its run when more new cards wait than the platform shows in a
   * minute (`perMinute`): folds them into a summary (optional). Returns true when rows changed.
   */
  fold?(platform: string, chatId: string, perMinute: number): Promise<boolean>;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Look for work now instead of at the next poll (called after a commit that enqueued). */
  kick(): void;
  /** Sends everything that is due (waiting out a pace of a few seconds), then resolves (tests and shutdown). */
  drain(): Promise<void>;
}

export interface OutboxWorkerOptions {
  /** Best its own pool, so delivery does not queue behind intake for a connection. */
  db: Kysely<Database>;
  delivery: Delivery;
  log: Logger;
  pollMs: number;
  maxAttempts: number;
  /** Messages per second one chat of a platform takes (the adapter's limits.perChatPerSecond); unset or Infinity: unpaced. */
  paceOf?: (platform: string) => number | undefined;
  /** Chats this instance works at once. */
  maxChats?: number;
  /** Most messages sent from one chat per lease. */
  runLength?: number;
  /** How long a chat's lease lasts; a crashed instance's chats are taken over after it. */
  leaseMs?: number;
  /** Names this instance in outbox_chats.leased_by. */
  instanceId?: string;
  /**
   * Called once for each message given up (marked failed): after the last attempt, or when the
   * platform rejected it. The place to raise a "delivery failed" notice in other rooms; what it
   * throws is logged and changes nothing.
   */
  onPermanentFailure?: (row: OutboxRow, error: unknown) => void | Promise<void>;
}

interface Lease { platform: string; chatId: string; nextSendAt: number; until: number }

const MAX_BACKOFF_MS = 5 * 60_000;
const RATE_LIMIT_DEFAULT_MS = 1_000;
/** Stop a run when less than this is left of the lease, so a send never outlives it. */
const LEASE_MARGIN_MS = 2_000;
/** A paced chat is leased this long before its next message may go. */
const PACE_LOOKAHEAD_MS = 250;
/** Sent marks are written before a pause longer than this (else every 50 sends, and at the end). */
const FLUSH_BEFORE_WAIT_MS = 500;
/** Most messages of an unpaced chat given to deliverMany at once. */
const MANY_AT_ONCE = 50;
/** drain() waits for a paced chat whose next slot is at most this far off. */
const DRAIN_WAIT_MS = 5_000;

export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const me = o.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const maxChats = o.maxChats ?? 200;
  const runLength = o.runLength ?? 200;
  const leaseMs = o.leaseMs ?? 10_000;
  const active = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let claiming: Promise<ClaimResult> | undefined;
  let again = false;
  let stopped = true;

  const gapOf = (platform: string) => {
    const perSecond = o.paceOf?.(platform);
    return perSecond && Number.isFinite(perSecond) && perSecond > 0 ? 1000 / perSecond : 0;
  };

  interface ClaimResult { started: number; soonestMs: number | undefined }

  async function claim(): Promise<ClaimResult> {
    const free = maxChats - active.size;
    if (free <= 0) return { started: 0, soonestMs: undefined };
    const { leases, soonestMs } = await leaseChats(o.db, me, [...active.keys()], free, leaseMs);
    if (leases.length === 0) return { started: 0, soonestMs };
    const runs = await loadRuns(o.db, leases, runLength);
    for (const lease of leases) {
      const key = chatKey(lease.platform, lease.chatId);
      const task = runChat(lease, runs.get(key) ?? [])
        .catch((error) => o.log.error({ err: String(error), chat: key }, 'outbox chat run failed'))
        .finally(() => releaseChat(lease).catch((error) => o.log.warn({ err: String(error), chat: key }, 'outbox lease release failed')))
        .finally(() => { active.delete(key); if (!stopped) kick(); });
      active.set(key, task);
    }
    return { started: leases.length, soonestMs };
  }

  async function runChat(lease: Lease, loaded: OutboxRow[]): Promise<void> {
    const gap = gapOf(lease.platform);
    let rows = loaded;
    if (gap > 0 && o.delivery.fold && rows.length > 0) {
      const perMinute = Math.floor(60_000 / gap);
      if (await o.delivery.fold(lease.platform, lease.chatId, perMinute)) {
        rows = (await loadRuns(o.db, [lease], runLength)).get(chatKey(lease.platform, lease.chatId)) ?? [];
      }
    }
    const { send, coalesced } = coalesceRun(rows);
    if (coalesced.length > 0) {
      await o.db.updateTable('outbox').set({ status: 'coalesced', sent_at: sql<Date>`now()` }).where('id', 'in', coalesced).execute();
    }
    if (send.length === 0) return;
    await o.delivery.prepare?.(send);
    const sent: number[] = [];
    const flush = async () => {
      if (sent.length === 0) return;
      await o.delivery.flush?.();
      const ids = sent.splice(0);
      await o.db.updateTable('outbox')
        .set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: null, attempts: sql`attempts + 1` })
        .where('id', 'in', ids).execute();
    };
    let many = gap === 0 && o.delivery.deliverMany !== undefined;
    try {
      for (let i = 0; i < send.length; i++) {
        const row = send[i];
        if (many && Date.now() < lease.until - LEASE_MARGIN_MS) {
          // An unpaced chat's backlog goes out in groups where the platform takes them.
          let n = 0;
          try { n = await o.delivery.deliverMany!(send.slice(i, i + MANY_AT_ONCE)); } catch (error) {
            many = false;
            o.log.warn({ err: String(error), chat: row.chat_id }, 'outbox group send failed; sending one by one');
          }
          if (n > 0) {
            sent.push(...send.slice(i, i + n).map((r) => r.id));
            i += n - 1;
            if (sent.length >= 50) await flush();
            continue;
          }
        }
        const wait = Math.max(0, lease.nextSendAt - Date.now());
        if (Date.now() + wait > lease.until - LEASE_MARGIN_MS) break;
        if (wait > 0) {
          // Marks are written in groups; only a long pause is worth writing them for.
          if (wait > FLUSH_BEFORE_WAIT_MS) await flush();
          await sleep(wait);
        }
        if (stopped && !draining) break;
        try {
          await o.delivery.deliver(row, row.payload as OutboxPayload);
          sent.push(row.id);
          lease.nextSendAt = Math.max(Date.now(), lease.nextSendAt) + gap;
          if (sent.length >= 50) await flush();
        } catch (error) {
          await flush();
          if (!(await failed(lease, row, error))) break;
        }
      }
    } finally {
      await flush();
    }
  }

  /** Records a failed send. True when the run may go on (the message was given up). */
  async function failed(lease: Lease, row: OutboxRow, error: unknown): Promise<boolean> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof PlatformError && error.code === 'rate_limited') {
      // The platform asked for a pause: this chat waits, the message keeps its place and its
      // attempts (being told to slow down is not a failure).
      lease.nextSendAt = Date.now() + (error.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS);
      o.log.info({ outboxId: row.id, platform: row.platform, chat: row.chat_id, retryAfterMs: error.retryAfterMs }, 'outbox chat rate limited');
      await o.db.updateTable('outbox').set({ last_error: message.slice(0, 500) }).where('id', '=', row.id).execute();
      return false;
    }
    const attempts = row.attempts + 1;
    const permanent = (error instanceof PlatformError && error.code === 'rejected') || attempts >= o.maxAttempts;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    o.log.warn({ outboxId: row.id, platform: row.platform, chat: row.chat_id, attempts, permanent, err: message }, 'outbox delivery failed');
    await o.db.updateTable('outbox')
      .set({
        status: permanent ? 'failed' : 'pending', attempts, last_error: message.slice(0, 500),
        next_attempt_at: sql<Date>`now() + ${`${Math.round(delay)} milliseconds`}::interval`,
      })
      .where('id', '=', row.id).execute();
    if (permanent && o.onPermanentFailure) {
      try { await o.onPermanentFailure({ ...row, attempts, status: 'failed', last_error: message.slice(0, 500) }, error); } catch (hookError) {
        o.log.error({ err: String(hookError), outboxId: row.id }, 'onPermanentFailure failed');
      }
    }
    // A message given up no longer holds its chat; one waiting for a retry keeps the order.
    return permanent;
  }

  async function releaseChat(lease: Lease): Promise<void> {
    await o.db.updateTable('outbox_chats')
      .set({ leased_by: null, leased_until: null, next_send_at: new Date(Math.max(lease.nextSendAt, Date.now())) })
      .where('platform', '=', lease.platform).where('chat_id', '=', lease.chatId).where('leased_by', '=', me)
      .execute();
  }

  function run(): Promise<ClaimResult> {
    if (claiming) { again = true; return claiming; }
    claiming = claim().finally(() => {
      claiming = undefined;
      if (again && !stopped) { again = false; void run().catch(logRunError); }
    });
    return claiming;
  }

  const logRunError = (error: unknown) => o.log.error({ err: String(error) }, 'outbox run failed');
  function kick() { if (!stopped) void run().catch(logRunError); }
  let draining = false;

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
      await claiming?.catch(() => undefined);
      await Promise.all(active.values());
    },
    kick,
    async drain() {
      draining = true;
      try {
        for (let i = 0; i < 10_000; i++) {
          if (claiming) await claiming.catch(() => undefined);
          const { started, soonestMs } = await claim();
          if (active.size > 0) { await Promise.all(active.values()); continue; }
          if (started > 0) continue;
          if (soonestMs === undefined || soonestMs > DRAIN_WAIT_MS) return;
          await sleep(Math.max(10, soonestMs));
        }
      } finally {
        draining = false;
      }
    },
  };
}

function chatKey(platform: string, chatId: string): string {
  return `${platform}\u0000${chatId}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Leases up to `limit` chats whose oldest pending message is due and whose pace allows a send
 * soon. The chats are found by a skip scan over the pending-per-chat index, so the cost grows with
 * the number of chats, not with the backlog. Also says how long until the soonest paced chat.
 */
async function leaseChats(db: Kysely<Database>, me: string, busy: string[], limit: number, leaseMs: number) {
  const heads = await sql<{ platform: string; chat_id: string }>`
    with recursive chats as (
      (select platform, chat_id from outbox where status = 'pending' order by platform, chat_id limit 1)
      union all
      select n.platform, n.chat_id from chats c cross join lateral (
        select platform, chat_id from outbox
        where status = 'pending' and (platform, chat_id) > (c.platform, c.chat_id)
        order by platform, chat_id limit 1) n
    )
    select c.platform, c.chat_id from chats c
    cross join lateral (
      select next_attempt_at from outbox where status = 'pending' and platform = c.platform and chat_id = c.chat_id
      order by id limit 1) head
    where head.next_attempt_at <= now()`.execute(db);
  const busySet = new Set(busy);
  const wanted = heads.rows.filter((h) => !busySet.has(chatKey(h.platform, h.chat_id))).slice(0, limit);
  if (wanted.length === 0) return { leases: [] as Lease[], soonestMs: undefined };
  const result = await sql<{ platform: string; chat_id: string; next_ms: number; until_ms: number; leased: boolean }>`
    with wanted as (select * from json_to_recordset(${JSON.stringify(wanted)}::json) as w(platform text, chat_id text)),
    taken as (
      insert into outbox_chats as c (platform, chat_id, leased_by, leased_until)
      select platform, chat_id, ${me}, now() + ${`${leaseMs} milliseconds`}::interval from wanted
      order by platform, chat_id
      on conflict (platform, chat_id) do update set leased_by = excluded.leased_by, leased_until = excluded.leased_until
      where (c.leased_until is null or c.leased_until < now())
        and c.next_send_at <= now() + ${`${PACE_LOOKAHEAD_MS} milliseconds`}::interval
      returning platform, chat_id, next_send_at, leased_until
    )
    select t.platform, t.chat_id, true as leased,
      (extract(epoch from (t.next_send_at - now())) * 1000)::float8 as next_ms,
      (extract(epoch from (t.leased_until - now())) * 1000)::float8 as until_ms
    from taken t
    union all
    -- Chats that must wait (paced, or leased by another instance): how long until they may go.
    select c.platform, c.chat_id, false,
      (extract(epoch from (greatest(c.next_send_at, coalesce(c.leased_until, c.next_send_at)) - now())) * 1000)::float8, 0
    from outbox_chats c join wanted w on w.platform = c.platform and w.chat_id = c.chat_id
    where c.leased_by is distinct from ${me} and (c.next_send_at > now() or c.leased_until > now())`.execute(db);
  // Times come back relative to the database's clock and are turned into this process's.
  const now = Date.now();
  const leases: Lease[] = [];
  let soonestMs: number | undefined;
  for (const r of result.rows) {
    if (r.leased) leases.push({ platform: r.platform, chatId: r.chat_id, nextSendAt: now + Math.max(0, Number(r.next_ms)), until: now + Number(r.until_ms) });
    else soonestMs = Math.min(soonestMs ?? Infinity, Number(r.next_ms));
  }
  // Rows returned twice (leased now, and seen as paced in the snapshot) count as leased.
  return { leases, soonestMs };
}

/** The first `runLength` pending messages of each leased chat, in order, up to the first that is not due. */
async function loadRuns(db: Kysely<Database>, leases: Lease[], runLength: number): Promise<Map<string, OutboxRow[]>> {
  const chats = JSON.stringify(leases.map((l) => ({ platform: l.platform, chat_id: l.chatId })));
  const result = await sql<OutboxRow & { due: boolean }>`
    select o.*, o.next_attempt_at <= now() as due
    from json_to_recordset(${chats}::json) as c(platform text, chat_id text)
    cross join lateral (
      select * from outbox o where o.status = 'pending' and o.platform = c.platform and o.chat_id = c.chat_id
      order by o.id limit ${runLength}) o
    order by o.platform, o.chat_id, o.id`.execute(db);
  const runs = new Map<string, OutboxRow[]>();
  const blocked = new Set<string>();
  for (const { due, ...row } of result.rows) {
    const key = chatKey(row.platform, row.chat_id);
    if (blocked.has(key)) continue;
    // A message waiting for its retry holds back the rest of its chat: order is kept.
    if (!due) { blocked.add(key); continue; }
    const run = runs.get(key) ?? [];
    run.push(row as OutboxRow);
    runs.set(key, run);
  }
  return runs;
}
