// Rows become domain objects at the edge.
import type { AttachmentRef, FeedbackItem, ItemState, Kind, Priority, ResolutionCode, Sentiment, CustomerTier } from '../domain/types.js';
import type { FeedbackRow } from '../db/schema.js';

export type ItemRow = FeedbackRow & {
  assignee_name: string | null; customer_name: string | null; tier: string; note_count?: number | null; attachments?: AttachmentJson[] | null;
};
export interface AttachmentJson { id: string; name: string; content_type: string; size: number }

export function shortIdOf(seq: number): string {
  return `FB-${seq}`;
}

export function itemRowToItem(row: ItemRow): FeedbackItem {
  return {
    id: row.id,
    shortId: shortIdOf(row.seq),
    state: row.state as ItemState,
    version: row.version,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id } : null,
    kind: row.kind as Kind,
    topic: row.topic,
    sentiment: row.sentiment as Sentiment,
    score: Number(row.score),
    priority: row.priority as Priority,
    angry: row.angry,
    customerId: row.customer_id,
    customerName: row.customer_name,
    tier: row.tier as CustomerTier,
    source: row.source,
    channel: row.channel,
    maskedText: row.text,
    responseDueAt: new Date(row.response_due_at),
    resolveDueAt: new Date(row.resolve_due_at),
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    resolution: row.resolution as ResolutionCode | null,
    createdAt: row.created_at,
    noteCount: Number(row.note_count ?? 0),
    pausedAt: row.paused_at,
    respondedAt: row.responded_at,
    deadlineCycle: row.deadline_cycle,
    attachments: (row.attachments ?? []).map(attachmentRef),
  };
}

function attachmentRef(a: AttachmentJson): AttachmentRef {
  return { id: a.id, name: a.name, contentType: a.content_type, size: Number(a.size) };
}
