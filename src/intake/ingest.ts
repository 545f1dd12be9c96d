// The intake pipeline: clean, mask, deduplicate, classify, store, and queue the card, in that
// order, so that nothing unmasked is ever stored in a text field or handed to a model.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { cleanFeedbackText, normaliseForDedupe } from './clean.js';
import { maskDeep, maskText } from '../privacy/mask.js';
import { deadlinesFor } from '../domain/deadlines.js';
import { listChannels } from '../channels-repo.js';
import { enqueueMessages } from '../outbox/enqueue.js';
import { messagesForNewItem } from '../items/messages-for.js';
import { getItem } from '../items/items-repo.js';
import { shortIdOf } from '../items/item-row.js';
import type { FeedbackDraft } from './draft-schema.js';
import type { FeedbackItem } from '../domain/types.js';

export type IngestResult =
  | { status: 'created'; id: string; shortId: string }
  | { status: 'duplicate'; id: string; shortId: string }
  | { status: 'rejected'; reason: 'empty' | 'junk' | 'too_long' };

const DEDUPE_WINDOW = '10 minutes';

export async function ingestFeedback(deps: Deps, source: string, draft: FeedbackDraft): Promise<IngestResult> {
  const cleaned = cleanFeedbackText(draft.text);
  if (!cleaned.ok) return { status: 'rejected', reason: cleaned.reason };
  const masked = maskText(cleaned.text);
  const norm = normaliseForDedupe(masked);

  const existing = await findDuplicate(deps.db, source, draft, norm);
  if (existing) return { status: 'duplicate', ...existing };

  const outcome = await deps.classifier.classify(masked);
  const now = deps.clock.now();
  const occurredAt = draft.occurred_at ? new Date(draft.occurred_at) : now;
  const priority = outcome.angry ? 'urgent' : outcome.priority;
  const due = deadlinesFor(priority, now);
  const id = randomUUID();

  let duplicateOf: { id: string; shortId: string } | undefined;
  let created: FeedbackItem | undefined;
  try {
    await deps.db.transaction().execute(async (trx) => {
      // One customer's items are stored one at a time, so two copies of the same text sent at
      // once cannot both pass the dedupe check above.
      await sql`select pg_advisory_xact_lock(hashtext(${`intake:${draft.customer.id}`}))`.execute(trx);
      duplicateOf = await findDuplicate(trx, source, draft, norm);
      if (duplicateOf) return;
      await trx.insertInto('sources').values({ name: source })
        .onConflict((oc) => oc.column('name').doUpdateSet({ last_seen_at: sql<Date>`now()` })).execute();
      const contact = {
        ...(draft.customer.phone ? { phone_enc: deps.cipher.encrypt(draft.customer.phone) } : {}),
        ...(draft.customer.email ? { email_enc: deps.cipher.encrypt(draft.customer.email) } : {}),
      };
      await trx.insertInto('customers')
        .values({ id: draft.customer.id, name: draft.customer.name ?? null, tier: draft.customer.tier ?? 'standard', phone_enc: null, email_enc: null, ...contact })
        .onConflict((oc) => oc.column('id').doUpdateSet({
          ...(draft.customer.name ? { name: draft.customer.name } : {}),
          ...(draft.customer.tier ? { tier: draft.customer.tier } : {}),
          ...contact,
          updated_at: sql<Date>`now()`,
        }))
        .execute();
      await trx.insertInto('feedback').values({
        id, source, external_id: draft.external_id ?? null, customer_id: draft.customer.id, channel: draft.channel,
        text: masked, text_norm: norm, kind: outcome.kind, topic: outcome.topic, sentiment: outcome.sentiment,
        score: outcome.score, priority, angry: outcome.angry, classified_via: outcome.via,
        assignee_id: null, rating: draft.rating ?? null, order_id: draft.order_id ?? null,
        metadata: JSON.stringify(maskDeep(draft.metadata ?? {})), occurred_at: occurredAt,
        response_due_at: due.responseDueAt, resolve_due_at: due.resolveDueAt,
        first_response_at: null, resolved_at: null, closed_at: null, resolution: null,
      }).execute();
      await trx.insertInto('feedback_events').values({
        feedback_id: id, type: 'created', actor_id: null, created_at: now,
        data: JSON.stringify({ source, channel: draft.channel, classifiedVia: outcome.via, ...(outcome.fallbackReason ? { fallbackReason: outcome.fallbackReason } : {}) }),
      }).execute();
      created = await getItem(trx, id);
      await enqueueMessages(trx, messagesForNewItem(created!, await listChannels(trx)));
    });
  } catch (error) {
    // Two deliveries of one external id raced: the loser answers with the winner's item.
    const again = await findDuplicate(deps.db, source, draft, norm);
    if (again) return { status: 'duplicate', ...again };
    throw error;
  }
  if (duplicateOf) return { status: 'duplicate', ...duplicateOf };
  deps.outbox.kick();
  return { status: 'created', id, shortId: created!.shortId };
}

async function findDuplicate(db: Kysely<Database>, source: string, draft: FeedbackDraft, norm: string) {
  const byExternalId = draft.external_id
    ? await db.selectFrom('feedback').select(['id', 'seq'])
      .where('source', '=', source).where('external_id', '=', draft.external_id).executeTakeFirst()
    : undefined;
  const row = byExternalId ?? await db.selectFrom('feedback').select(['id', 'seq'])
    .where('customer_id', '=', draft.customer.id).where('text_norm', '=', norm)
    .where('created_at', '>', sql<Date>`now() - ${DEDUPE_WINDOW}::interval`)
    .orderBy('created_at', 'desc').executeTakeFirst();
  return row ? { id: row.id, shortId: shortIdOf(row.seq) } : undefined;
}
