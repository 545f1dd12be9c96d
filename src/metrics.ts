// Prometheus metrics on /metrics. One registry per app so tests can build many apps.
// Every label value comes from a closed set: a value a client sends is never a label as it is,
// or anyone could mint a series per request and grow /metrics without bound.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { ACTION_NAMES, type Refusal } from './domain/types.js';
import type { AdapterError, Platform } from '../adapters/chat-adapter.js';

/** What an action can come to: done, one of the domain's refusals, or one of handleAction's own answers. */
const REFUSAL_CODES = { already_claimed: true, not_assignee: true, supervisor_only: true, not_in_state: true, input_required: true } satisfies Record<Refusal['code'], true>;
const ACTION_OUTCOMES = new Set(['ok', 'unknown_actor', 'bad_input', 'unknown_item', 'busy', ...Object.keys(REFUSAL_CODES)]);
const ACTIONS = new Set<string>(ACTION_NAMES);
const INTAKE_OUTCOMES = new Set(['created', 'duplicate', 'rejected']);
const DELIVERY_RESULTS = new Set(['sent', 'failed']);
const REFUSED_REASONS = new Set(Object.keys({ bad_signature: true, bad_request: true } satisfies Record<AdapterError['code'], true>));
const PLATFORMS = new Set(Object.keys({ local: true, slack: true, feishu: true, wecom: true } satisfies Record<Platform, true>));
/** Sources are named by signed senders; the first ones seen get their own series, later ones share "other". */
export const MAX_SOURCE_LABELS = 50;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sources = new Set<string>();
  const source = (name: string) => {
    if (sources.has(name)) return name;
    if (sources.size >= MAX_SOURCE_LABELS) return 'other';
    sources.add(name);
    return name;
  };
  const intake = new Counter({ name: 'feedback_intake_total', help: 'Feedback received, by source and outcome', labelNames: ['source', 'outcome'], registers: [registry] });
  const actions = new Counter({ name: 'feedback_actions_total', help: 'Card actions, by action and outcome', labelNames: ['action', 'outcome'], registers: [registry] });
  const inboundRefused = new Counter({ name: 'inbound_refused_total', help: 'Platform requests refused before parsing, by platform and reason', labelNames: ['platform', 'reason'], registers: [registry] });
  const deliveries = new Counter({ name: 'outbox_deliveries_total', help: 'Outbox deliveries, by platform and result', labelNames: ['platform', 'result'], registers: [registry] });
  return {
    registry,
    intake: { inc: (l: { source: string; outcome: string }) => intake.inc({ source: source(l.source), outcome: closed(INTAKE_OUTCOMES, l.outcome) }) },
    actions: { inc: (l: { action: string; outcome: string }) => actions.inc({ action: closed(ACTIONS, l.action), outcome: closed(ACTION_OUTCOMES, l.outcome) }) },
    inboundRefused: { inc: (l: { platform: string; reason: string }) => inboundRefused.inc({ platform: closed(PLATFORMS, l.platform), reason: closed(REFUSED_REASONS, l.reason) }) },
    deliveries: { inc: (l: { platform: string; result: string }) => deliveries.inc({ platform: closed(PLATFORMS, l.platform), result: closed(DELIVERY_RESULTS, l.result) }) },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

function closed(values: ReadonlySet<string>, value: string): string {
  return values.has(value) ? value : 'other';
}
