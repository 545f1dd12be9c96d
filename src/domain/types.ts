// Domain vocabulary shared by the core, cards, commands and adapters. Plain data, no I/O.
import type { Classification } from '../classify/types.js';

export const ITEM_STATES = ['new', 'claimed', 'waiting_customer', 'escalated', 'resolved', 'closed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** A manager is the escalation chain's step above the supervisors, with a supervisor's powers. */
export const ROLES = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const KINDS = ['inquiry', 'complaint', 'suggestion', 'praise'] as const;
export type Kind = (typeof KINDS)[number];
export const BUILTIN_TOPICS = ['logistics', 'quality', 'refund', 'attitude', 'price', 'product_function', 'account', 'other'] as const;
/** A built-in topic or one an operator configured. */
export type Topic = string;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const PRIORITIES = ['urgent', 'general', 'routine'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TIERS = ['standard', 'vip', 'enterprise'] as const;
export type CustomerTier = (typeof TIERS)[number];

export const RESOLUTION_CODES = ['solved', 'refunded', 'replaced', 'explained', 'duplicate', 'no_response', 'wont_fix'] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export interface AgentRef { id: string; name: string }
export interface Agent extends AgentRef { role: Role }

/** An item carries its classification (kind, topic, sentiment, score, priority, angry). */
export interface FeedbackItem extends Classification {
  id: string;
  /** Human-friendly number shown on cards and typed in commands, e.g. "FB-12". */
  shortId: string;
  state: ItemState;
  /** Optimistic-lock counter: every applied decision bumps it by one. */
  version: number;
  assignee: AgentRef | null;
  customerId: string;
  customerName: string | null;
  tier: CustomerTier;
  source: string;
  channel: string;
  maskedText: string;
  responseDueAt: Date;
  resolveDueAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolution: ResolutionCode | null;
  createdAt: Date;
  /** Internal notes on the item (Note, and messages in a card's thread); absent when not read. */
  noteCount?: number;
  /** When the deadline clock stopped (waiting on the customer); null or absent while it runs. */
  pausedAt?: Date | null;
  /** The first answer of the current deadline cycle (firstResponseAt keeps the very first). */
  respondedAt?: Date | null;
  /** Bumped by each reopen, which starts fresh deadlines. */
  deadlineCycle?: number;
  /** Pictures and files that came with the item, in the order sent; absent when not read. */
  attachments?: AttachmentRef[];
}

/** An attachment as cards show it; its bytes stay in the database (attachments table). */
export interface AttachmentRef { id: string; name: string; contentType: string; size: number }

export type ItemAction =
  | { type: 'claim' }
  | { type: 'reply'; text: string }
  | { type: 'note'; text: string }
  | { type: 'wait' }
  | { type: 'escalate'; reason: string }
  | { type: 'resolve'; code: ResolutionCode }
  | { type: 'close'; code: ResolutionCode }
  | { type: 'reopen'; reason?: string };
export type ActionName = ItemAction['type'];
export const ACTION_NAMES: readonly ActionName[] = ['claim', 'reply', 'note', 'wait', 'escalate', 'resolve', 'close', 'reopen'];

/** One audit-trail entry; stored append-only in feedback_events. */
export type ItemEvent =
  | { type: 'claimed'; itemId: string; by: AgentRef; at: Date }
  | { type: 'replied'; itemId: string; by: AgentRef; at: Date; text: string }
  | { type: 'noted'; itemId: string; by: AgentRef; at: Date; text: string }
  | { type: 'waiting'; itemId: string; by: AgentRef; at: Date }
  | { type: 'escalated'; itemId: string; by: AgentRef; at: Date; reason: string }
  | { type: 'resolved'; itemId: string; by: AgentRef; at: Date; code: ResolutionCode }
  | { type: 'closed'; itemId: string; by: AgentRef; at: Date; code: ResolutionCode }
  | { type: 'reopened'; itemId: string; by: AgentRef; at: Date; reason?: string };
export type EventType = ItemEvent['type'];

export type Refusal =
  | { code: 'already_claimed'; by: AgentRef }
  /** `action` is optional so existing producers stay valid; when set, the wording names what was refused. */
  | { code: 'not_assignee'; assignee: AgentRef; action?: ActionName }
  /** `state` is optional likewise; when set, the wording says why: "…while it is escalated". */
  | { code: 'supervisor_only'; action: ActionName; state?: ItemState }
  | { code: 'not_in_state'; state: ItemState; action: ActionName }
  | { code: 'input_required'; field: string };

export type Decision =
  | { ok: true; item: FeedbackItem; events: ItemEvent[] }
  | { ok: false; refusal: Refusal };
