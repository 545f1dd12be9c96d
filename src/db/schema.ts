// Typed tables for Kysely. Column types mirror migrations/; Generated<> marks database defaults.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** What a room's summary card counts: items folded into it, by topic and priority, and the urgent ones. */
export interface SummaryCounts { total: number; byTopic: Record<string, number>; byPriority: Record<string, number>; urgent: { id: string; shortId: string }[] }

export interface RoutingFilters { topics?: string[]; priorities?: string[]; tiers?: string[]; sources?: string[] }

export interface Database {
  agents: { id: string; name: string; role: string; created_at: Generated<Date> };
  agent_identities: { platform: string; platform_user_id: string; agent_id: string };
  customers: {
    id: string; name: string | null; tier: Generated<string>;
    phone_enc: string | null; email_enc: string | null;
    created_at: Generated<Date>; updated_at: Generated<Date>;
  };
  sources: { name: string; first_seen_at: Generated<Date>; last_seen_at: Generated<Date> };
  feedback: {
    id: string; seq: Generated<number>; source: string; external_id: string | null;
    customer_id: string; channel: string; text: string; text_norm: string;
    kind: string; topic: string; sentiment: string; score: number; priority: string;
    angry: Generated<boolean>; classified_via: string;
    state: Generated<string>; version: Generated<number>; assignee_id: string | null;
    rating: number | null; nps: number | null; rated_at: Date | null; order_id: string | null; metadata: Json<Record<string, unknown>>;
    occurred_at: Timestamp; response_due_at: Timestamp; resolve_due_at: Timestamp;
    first_response_at: Date | null; resolved_at: Date | null; closed_at: Date | null;
    resolution: string | null; created_at: Generated<Date>; carded: Generated<boolean>;
    paused_at: Date | null; deadline_cycle: Generated<number>; responded_at: Date | null;
    /** Search terms the database derives from text (migration 007); never written. */
    search_terms: ColumnType<string[], never, never>;
  };
  feedback_events: {
    id: Generated<number>; feedback_id: string; type: string; actor_id: string | null;
    data: Json<Record<string, unknown>>; created_at: Timestamp;
  };
  replies: {
    id: Generated<number>; feedback_id: string; agent_id: string; channel: string; text: string;
    status: Generated<string>; created_at: Generated<Date>;
  };
  chat_channels: {
    id: Generated<number>; platform: string; chat_id: string; purpose: string; name: string;
    filters: Json<RoutingFilters>; read_only: Generated<boolean>;
  };
  card_messages: { feedback_id: string; platform: string; chat_id: string; message_ref: string; updated_at: Generated<Date> };
  outbox: {
    id: Generated<number>; idempotency_key: string; platform: string; chat_id: string; kind: string;
    feedback_id: string | null; payload: Json<unknown>; status: Generated<string>;
    attempts: Generated<number>; next_attempt_at: Timestamp; last_error: string | null;
    created_at: Generated<Date>; sent_at: Date | null;
  };
  inbound_events: { platform: string; event_id: string; received_at: Generated<Date> };
  feedback_text_keys: { customer_id: string; text_hash: string; feedback_id: string; seen_at: Generated<Date> };
  outbox_chats: {
    platform: string; chat_id: string; next_send_at: Generated<Date>; leased_by: string | null; leased_until: Date | null;
  };
  chat_summaries: {
    platform: string; chat_id: string; message_ref: string | null; started_at: Generated<Date>; updated_at: Generated<Date>;
    counts: Json<SummaryCounts>;
  };
  local_messages: {
    id: Generated<number>; room: string; body: Json<unknown>; idempotency_key: string | null;
    created_at: Generated<Date>; updated_at: Generated<Date>;
  };
  job_runs: {
    id: Generated<number>; job: string; scheduled_for: Timestamp; started_at: Timestamp; finished_at: Timestamp | null;
    duration_ms: number | null; outcome: Generated<string>; error: string | null; instance: string;
    caught_up: Generated<boolean>; missed_slots: Generated<number>;
  };
  warnings: {
    id: Generated<number>; key: string; type: string; level: string; peak_level: string; status: Generated<string>;
    version: Generated<number>; subject: Json<Record<string, string>>; evidence: Json<Record<string, unknown>>;
    opened_at: Timestamp; updated_at: Timestamp;
    acknowledged_by: string | null; acknowledged_at: Timestamp | null; assignee_id: string | null; assigned_at: Timestamp | null;
    resolved_by: string | null; resolved_at: Timestamp | null; resolution_note: string | null; ended_at: Timestamp | null;
  };
  warning_events: {
    id: Generated<number>; warning_id: number; type: string; actor_id: string | null;
    data: Json<Record<string, unknown>>; created_at: Timestamp;
  };
  warning_messages: { warning_id: number; platform: string; chat_id: string; message_ref: string; updated_at: Generated<Date> };
  digests: { id: string; kind: string; date: string; time_zone: string; data: Json<unknown>; chart: Buffer; created_at: Generated<Date> };
  exports: {
    id: string; requested_by: string | null; filename: string; bytes: Buffer; rows: number;
    created_at: Generated<Date>; expires_at: Timestamp;
  };
  attachments: {
    id: string; feedback_id: string; ord: number; name: string; content_type: string; size: number; sha256: string;
    bytes: Buffer; created_at: Generated<Date>;
  };
  feishu_image_keys: { app_id: string; sha256: string; image_key: string | null; failed_at: Date | null; updated_at: Generated<Date> };
  local_users: { agent_id: string; password_hash: string; created_at: Generated<Date>; updated_at: Generated<Date> };
  deadline_steps: {
    feedback_id: string; cycle: number; deadline: string; step: string; due_at: Timestamp; created_at: Generated<Date>;
  };
  stats_hourly: StatsRollupRow;
  stats_deltas: StatsRollupRow;
  local_sessions: { token_hash: string; agent_id: string; created_at: Generated<Date>; expires_at: Timestamp };
}

/** One hour's counts for one value of one dimension (migration 007); bigint sums arrive as strings. */
export interface StatsRollupRow {
  hour: Date; dim: string; val: string;
  received: number; negative: number; responded: number; response_secs: ColumnType<string, number, number>; response_late: number;
  resolved: number; resolve_secs: ColumnType<string, number, number>; resolve_late: number; closed: number;
}

export type FeedbackRow = Selectable<Database['feedback']>;
export type NewFeedbackRow = Insertable<Database['feedback']>;
export type OutboxRow = Selectable<Database['outbox']>;
export type ChatChannelRow = Selectable<Database['chat_channels']>;
