// The intake pipeline: clean, mask, classify, encrypt and route here, in that order, so that
// nothing unmasked is ever stored in a text field or handed to a model; then the finished row
// joins the group commit (intake-writer.ts), which also settles duplicates by its keys.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { cleanFeedbackText, normaliseForDedupe } from './clean.js';
import { maskDeep, maskText } from '../privacy/mask.js';
import { deadlinesForTier, hasTierDeadlines } from '../domain/deadlines.js';
import { messagesForNewItem } from '../items/messages-for.js';
import { resumeWaitingItems } from '../deadlines/customer-wrote.js';
import { hasTierFilters } from '../routing.js';
import type { FeedbackDraft } from './draft-schema.js';
import type { CustomerTier } from '../domain/types.js';
import type { PreparedItem } from './intake-writer.js';
import type { PreparedAttachment } from '../attachments/read-attachments.js';
import { npsOfMetadata } from './survey-answer.js';

export type IngestResult =
  | { status: 'created'; id: string; shortId: string }
  | { status: 'duplicate'; id: string; shortId: string }
  | { status: 'rejected'; reason: 'empty' | 'junk' | 'too_long' };

export interface IngestOptions {
  /** Store and count without a card, whatever the item's age (the importer's --history). */
  history?: boolean;
  /** Checked attachments (readAttachments), stored with the item in its commit or not at all. */
  attachments?: PreparedAttachment[];
}

/**
 * Resolves after the item's commit (a created item is durable) or with the item it duplicates.
 * Rejects when the database refuses the batch the item was written in; nothing of it is stored.
 */
export async function ingestFeedback(deps: Deps, source: string, draft: FeedbackDraft, options: IngestOptions = {}): Promise<IngestResult> {
  const cleaned = cleanFeedbackText(draft.text);
  if (!cleaned.ok) return { status: 'rejected', reason: cleaned.reason };
  const masked = maskText(cleaned.text);
  const outcome = await deps.classifier.classify(masked);
  const now = deps.clock.now();
  const occurredAt = draft.occurred_at ? new Date(draft.occurred_at) : now;
  const priority = outcome.angry ? 'urgent' : outcome.priority;
  const id = randomUUID();
  // Items that happened long ago (an import of history) are stored and counted, but no room
  // gets a card for them.
  const carded = !options.history && now.getTime() - occurredAt.getTime() <= deps.config.intake.historyAfterHours * 3_600_000;
  const channels = carded ? await deps.channels.list() : [];
  const tier = draft.customer.tier ?? (hasTierFilters(channels) || hasTierDeadlines(deps.config.deadlines.policy) ? await deps.channels.tierOf(draft.customer.id) : 'standard');
  const due = deadlinesForTier(priority, tier as CustomerTier, now, deps.config.deadlines.policy, deps.config.deadlines.clock);
  const item: PreparedItem = {
    id, source, externalId: draft.external_id ?? null,
    customer: {
      id: draft.customer.id, name: draft.customer.name ?? null, tier: draft.customer.tier ?? null,
      phoneEnc: draft.customer.phone ? deps.cipher.encrypt(draft.customer.phone) : null,
      emailEnc: draft.customer.email ? deps.cipher.encrypt(draft.customer.email) : null,
    },
    channel: draft.channel, text: masked, textNorm: normaliseForDedupe(masked),
    kind: outcome.kind, topic: outcome.topic, sentiment: outcome.sentiment, score: outcome.score, priority,
    angry: outcome.angry, classifiedVia: outcome.via, rating: draft.rating ?? null, nps: draft.nps ?? npsOfMetadata(draft.metadata), orderId: draft.order_id ?? null,
    metadata: maskDeep(draft.metadata ?? {}) as Record<string, unknown>, occurredAt,
    responseDueAt: due.responseDueAt, resolveDueAt: due.resolveDueAt, carded,
    event: {
      at: now,
      data: { source, channel: draft.channel, classifiedVia: outcome.via, ...(outcome.fallbackReason ? { fallbackReason: outcome.fallbackReason } : {}), ...(carded ? {} : { history: true }) },
    },
    attachments: options.attachments ?? [],
    messages: carded ? messagesForNewItem({ id, topic: outcome.topic, priority, tier: tier as CustomerTier, source }, channels) : [],
  };
  const written = await deps.intake.write(item);
  // The customer wrote again: whatever of theirs waited on them has its clock running again.
  const resumed = written.status === 'created' && carded ? await resumeWaitingItems(deps, draft.customer.id, written.id) : 0;
  if (written.status === 'created' && (item.messages.length > 0 || resumed > 0)) deps.outbox.kick();
  // After the commit, so the check counts this item; not awaited, so intake is answered at once.
  if (written.status === 'created' && carded) deps.warnings.itemStored(masked);
  return written;
}
