// Intake by group commit. Requests do their CPU work first (clean, mask, classify, encrypt,
// route) and hand the finished row here; one writer commits everything queued in one statement
// while the next batch gathers. A promise resolves only after its row's commit, so every 202 is
// durable, and when a commit fails every request in that batch gets the error and none is stored.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { shortIdOf } from '../items/item-row.js';
import type { PreparedAttachment } from '../attachments/read-attachments.js';

/** One item ready to store: every field computed, masked and encrypted. */
export interface PreparedItem {
  id: string;
  source: string;
  externalId: string | null;
  customer: { id: string; name: string | null; tier: string | null; phoneEnc: string | null; emailEnc: string | null };
  channel: string;
  text: string;
  textNorm: string;
  kind: string; topic: string; sentiment: string; score: number; priority: string; angry: boolean; classifiedVia: string;
  rating: number | null;
  nps: number | null;
  orderId: string | null;
  metadata: Record<string, unknown>;
  occurredAt: Date;
  responseDueAt: Date;
  resolveDueAt: Date;
  /** False for history: stored and counted, no card. */
  carded: boolean;
  event: { at: Date; data: Record<string, unknown> };
  messages: OutboxMessage[];
  /** Stored only if the item is (a duplicate keeps the first item's). */
  attachments: PreparedAttachment[];
}

export type WriteResult = { status: 'created' | 'duplicate'; id: string; shortId: string };

export interface IntakeWriter {
  write(item: PreparedItem): Promise<WriteResult>;
  /** Waits for everything queued to be committed. */
  flush(): Promise<void>;
}

export interface IntakeWriterOptions {
  db: Kysely<Database>;
  log: Logger;
  /** Most rows in one statement; the rest wait for the next one. */
  maxBatch?: number;
}

interface Pending {
  item: PreparedItem;
  textHash: string;
  /** Text keys known to point at an item that was never stored (see resolveLosers). */
  phantoms: string[];
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

const DEDUPE_WINDOW = '10 minutes';
const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure: the batch is retried whole
const MAX_TRIES = 3;
const PRUNE_EVERY_MS = 5 * 60_000;
/** Text per statement: a batch of long items is split so that one statement's parameters stay a few MB. */
const MAX_BATCH_CHARS = 1_000_000;

export function textHashOf(norm: string): string {
  return createHash('sha256').update(norm, 'utf8').digest('hex');
}

function charsOf(item: PreparedItem): number {
  return item.text.length + item.attachments.reduce((n, a) => n + a.base64.length, 0);
}

export function createIntakeWriter(o: IntakeWriterOptions): IntakeWriter {
  const maxBatch = o.maxBatch ?? 500;
  let queue: Pending[] = [];
  let writing: Promise<void> | undefined;
  let lastPrune = 0;

  /** The oldest queued rows, at most maxBatch of them and about MAX_BATCH_CHARS of text and attachments (always at least one). */
  function takeBatch(): Pending[] {
    let size = 0;
    let n = 0;
    while (n < queue.length && n < maxBatch && (n === 0 || size + charsOf(queue[n].item) <= MAX_BATCH_CHARS)) size += charsOf(queue[n++].item);
    const batch = queue.slice(0, n);
    queue = queue.slice(n);
    return batch;
  }

  function pump(): Promise<void> {
    writing ??= (async () => {
      // Let the requests of this turn of the event loop join the batch.
      await new Promise((r) => setImmediate(r));
      while (queue.length > 0) {
        const batch = takeBatch();
        await commitBatch(batch);
      }
    })().finally(() => { writing = undefined; if (queue.length > 0) void pump(); });
    return writing;
  }

  async function commitBatch(batch: Pending[]): Promise<void> {
    try {
      const again = await commitWithRetry(o.db, batch);
      // Lost to a key whose item was never stored: write again, taking that key over.
      if (again.length > 0) queue.unshift(...again);
    } catch (error) {
      o.log.error({ err: error instanceof Error ? error.message : String(error), items: batch.length }, 'intake batch failed');
      for (const p of batch) p.reject(error);
    }
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      void sql`delete from feedback_text_keys where seen_at < now() - ${DEDUPE_WINDOW}::interval`.execute(o.db)
        .catch((error) => o.log.warn({ err: String(error) }, 'pruning dedupe keys failed'));
    }
  }

  return {
    write(item) {
      return new Promise((resolve, reject) => {
        queue.push({ item, textHash: textHashOf(item.textNorm), phantoms: [], resolve, reject });
        void pump();
      });
    },
    async flush() {
      while (writing || queue.length > 0) await (writing ?? pump());
    },
  };
}

async function commitWithRetry(db: Kysely<Database>, batch: Pending[]): Promise<Pending[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitOnce(db, batch);
    } catch (error) {
      if (attempt >= MAX_TRIES || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

/**
 * One statement for the whole batch. Copies inside the batch are settled here first (the
 * statement could not upsert one key twice); copies across batches and instances by the keys:
 * the text key (customer + normalised text, 10 minutes) and the unique (source, external_id).
 * Returns the entries to write again.
 */
async function commitOnce(db: Kysely<Database>, batch: Pending[]): Promise<Pending[]> {
  const leaders: Pending[] = [];
  const followers: { p: Pending; leader: Pending }[] = [];
  const byExternal = new Map<string, Pending>();
  const byText = new Map<string, Pending>();
  for (const p of batch) {
    const ext = p.item.externalId === null ? undefined : `${p.item.source}\u0000${p.item.externalId}`;
    const text = `${p.item.customer.id}\u0000${p.textHash}`;
    const leader = (ext && byExternal.get(ext)) || byText.get(text);
    if (leader) { followers.push({ p, leader }); continue; }
    leaders.push(p);
    if (ext) byExternal.set(ext, p);
    byText.set(text, p);
  }

  const rows = await storeBatch(db, leaders);
  const outcome = new Map<Pending, WriteResult>();
  const unresolved: { p: Pending; winner: { id?: string; source?: string; externalId?: string } }[] = [];
  for (const [index, p] of leaders.entries()) {
    const row = rows[index];
    if (row.created_seq !== null) outcome.set(p, { status: 'created', id: p.item.id, shortId: shortIdOf(row.created_seq) });
    else if (row.text_winner !== null && row.text_winner !== p.item.id) {
      if (row.text_winner_seq !== null) outcome.set(p, { status: 'duplicate', id: row.text_winner, shortId: shortIdOf(row.text_winner_seq) });
      else unresolved.push({ p, winner: { id: row.text_winner } });
    } else if (row.ext_winner !== null && row.ext_winner_seq !== null) {
      outcome.set(p, { status: 'duplicate', id: row.ext_winner, shortId: shortIdOf(row.ext_winner_seq) });
    } else unresolved.push({ p, winner: { source: p.item.source, externalId: p.item.externalId ?? undefined } });
  }
  const again = await resolveLosers(db, unresolved, outcome);

  for (const p of leaders) {
    const result = outcome.get(p);
    if (result) p.resolve(result);
  }
  for (const { p, leader } of followers) {
    const result = outcome.get(leader);
    // The leader is written again: so is its copy, which will then meet it as a duplicate.
    if (!result) again.push(p);
    else p.resolve({ status: 'duplicate', id: result.id, shortId: result.shortId });
  }
  return again;
}

/**
 * Items that lost to a row the statement's snapshot could not see (a concurrent batch that
 * committed while this one waited for its key) are looked up now that both have committed. A
 * text key whose item does not exist belongs to an item that lost on its external id: it will
 * never exist, so the entry is written again and takes that key over.
 */
async function resolveLosers(
  db: Kysely<Database>, unresolved: { p: Pending; winner: { id?: string; source?: string; externalId?: string } }[], outcome: Map<Pending, WriteResult>,
): Promise<Pending[]> {
  const again: Pending[] = [];
  for (const { p, winner } of unresolved) {
    let query = db.selectFrom('feedback').select(['id', 'seq']);
    query = winner.id ? query.where('id', '=', winner.id) : query.where('source', '=', winner.source!).where('external_id', '=', winner.externalId!);
    const row = await query.executeTakeFirst();
    if (row) outcome.set(p, { status: 'duplicate', id: row.id, shortId: shortIdOf(row.seq) });
    else if (winner.id && p.phantoms.length < 5) { p.phantoms.push(winner.id); again.push(p); }
    else p.reject(new Error('intake: an item lost its dedupe key to an item that does not exist'));
  }
  return again;
}

interface StoredRow {
  created_seq: number | null;
  text_winner: string | null;
  text_winner_seq: number | null;
  ext_winner: string | null;
  ext_winner_seq: number | null;
}

async function storeBatch(db: Kysely<Database>, batch: Pending[]): Promise<StoredRow[]> {
  if (batch.length === 0) return [];
  const items = batch.map((p, ord) => {
    const i = p.item;
    return {
      ord, id: i.id, source: i.source, external_id: i.externalId, customer_id: i.customer.id, customer_name: i.customer.name,
      tier: i.customer.tier, phone_enc: i.customer.phoneEnc, email_enc: i.customer.emailEnc, channel: i.channel,
      text: i.text, text_norm: i.textNorm, text_hash: p.textHash, kind: i.kind, topic: i.topic, sentiment: i.sentiment,
      score: i.score, priority: i.priority, angry: i.angry, classified_via: i.classifiedVia, rating: i.rating, nps: i.nps,
      order_id: i.orderId, metadata: i.metadata, occurred_at: i.occurredAt, response_due_at: i.responseDueAt,
      resolve_due_at: i.resolveDueAt, carded: i.carded, event_at: i.event.at, event_data: i.event.data,
    };
  });
  const messages = batch.flatMap((p) => p.item.messages).map((m, n) => ({ n, m })).map(({ n, m }) => ({
    n, item_id: m.itemId, idempotency_key: m.idempotencyKey, platform: m.platform, chat_id: m.chatId, kind: m.payload.kind, payload: m.payload,
  }));
  const files = batch.flatMap((p) => p.item.attachments.map((a) => ({
    id: a.id, feedback_id: p.item.id, ord: a.ord, name: a.name, content_type: a.contentType, size: a.size, sha256: a.sha256, data: a.base64,
  })));
  const phantoms = batch.flatMap((p) => p.phantoms);
  // The text key is taken first: a copy waits here for the first one's commit and then sees it.
  // Foreign keys are checked at the end of the statement, so the CTEs' order is free otherwise.
  const result = await sql<StoredRow>`
    with input as (
      select * from json_to_recordset(${JSON.stringify(items)}::json) as t(
        ord int, id text, source text, external_id text, customer_id text, customer_name text, tier text,
        phone_enc text, email_enc text, channel text, text text, text_norm text, text_hash text, kind text,
        topic text, sentiment text, score real, priority text, angry boolean, classified_via text, rating int, nps int,
        order_id text, metadata jsonb, occurred_at timestamptz, response_due_at timestamptz,
        resolve_due_at timestamptz, carded boolean, event_at timestamptz, event_data jsonb)
    ),
    phantom as (select json_array_elements_text(${JSON.stringify(phantoms)}::json) as id),
    keys as (
      insert into feedback_text_keys as k (customer_id, text_hash, feedback_id, seen_at)
      select customer_id, text_hash, id, now() from input order by customer_id, text_hash
      on conflict (customer_id, text_hash) do update set
        feedback_id = case when k.seen_at <= now() - ${DEDUPE_WINDOW}::interval or k.feedback_id in (select id from phantom)
                           then excluded.feedback_id else k.feedback_id end,
        seen_at = case when k.seen_at <= now() - ${DEDUPE_WINDOW}::interval or k.feedback_id in (select id from phantom)
                       then excluded.seen_at else k.seen_at end
      returning customer_id, text_hash, feedback_id
    ),
    sources_seen as (
      insert into sources (name) select distinct source from input on conflict do nothing
    ),
    fb as (
      insert into feedback (id, source, external_id, customer_id, channel, text, text_norm, kind, topic, sentiment,
        score, priority, angry, classified_via, rating, nps, order_id, metadata, occurred_at, response_due_at,
        resolve_due_at, carded)
      select i.id, i.source, i.external_id, i.customer_id, i.channel, i.text, i.text_norm, i.kind, i.topic, i.sentiment,
        i.score, i.priority, i.angry, i.classified_via, i.rating, i.nps, i.order_id, coalesce(i.metadata, '{}'::jsonb), i.occurred_at,
        i.response_due_at, i.resolve_due_at, i.carded
      from input i join keys k on k.customer_id = i.customer_id and k.text_hash = i.text_hash and k.feedback_id = i.id
      order by i.ord
      on conflict do nothing
      returning id, seq
    ),
    customers_seen as (
      insert into customers as c (id, name, tier, phone_enc, email_enc)
      select distinct on (i.customer_id) i.customer_id, i.customer_name, coalesce(i.tier, 'standard'), i.phone_enc, i.email_enc
      from input i join fb on fb.id = i.id
      order by i.customer_id, i.ord desc
      on conflict (id) do update set
        name = coalesce(excluded.name, c.name),
        tier = coalesce((select i2.tier from input i2 where i2.customer_id = excluded.id and i2.tier is not null order by i2.ord desc limit 1), c.tier),
        phone_enc = coalesce(excluded.phone_enc, c.phone_enc),
        email_enc = coalesce(excluded.email_enc, c.email_enc),
        updated_at = now()
    ),
    events as (
      insert into feedback_events (feedback_id, type, actor_id, data, created_at)
      select i.id, 'created', null, i.event_data, i.event_at from input i join fb on fb.id = i.id order by i.ord
    ),
    queued as (
      insert into outbox (idempotency_key, platform, chat_id, kind, feedback_id, payload)
      select m.idempotency_key, m.platform, m.chat_id, m.kind, m.item_id, m.payload
      from json_to_recordset(${JSON.stringify(messages)}::json)
        as m(n int, item_id text, idempotency_key text, platform text, chat_id text, kind text, payload jsonb)
      join fb on fb.id = m.item_id
      order by m.n
      on conflict (idempotency_key) do nothing
    ),
    attached as (
      insert into attachments (id, feedback_id, ord, name, content_type, size, sha256, bytes)
      select a.id, a.feedback_id, a.ord, a.name, a.content_type, a.size, a.sha256, decode(a.data, 'base64')
      from json_to_recordset(${JSON.stringify(files)}::json)
        as a(id text, feedback_id text, ord int, name text, content_type text, size int, sha256 text, data text)
      join fb on fb.id = a.feedback_id
    )
    select fb.seq as created_seq, k.feedback_id as text_winner, tw.seq as text_winner_seq,
           ew.id as ext_winner, ew.seq as ext_winner_seq
    from input i
    left join fb on fb.id = i.id
    left join keys k on k.customer_id = i.customer_id and k.text_hash = i.text_hash
    left join feedback tw on tw.id = k.feedback_id
    left join feedback ew on i.external_id is not null and ew.source = i.source and ew.external_id = i.external_id
    order by i.ord`.execute(db);
  return result.rows;
}
