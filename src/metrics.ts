// Prometheus metrics on /metrics. One registry per app so tests can build many apps.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    intake: new Counter({ name: 'feedback_intake_total', help: 'Feedback received, by source and outcome', labelNames: ['source', 'outcome'], registers: [registry] }),
    actions: new Counter({ name: 'feedback_actions_total', help: 'Card actions, by action and outcome', labelNames: ['action', 'outcome'], registers: [registry] }),
    inboundRefused: new Counter({ name: 'inbound_refused_total', help: 'Platform requests refused before parsing, by platform and reason', labelNames: ['platform', 'reason'], registers: [registry] }),
    deliveries: new Counter({ name: 'outbox_deliveries_total', help: 'Outbox deliveries, by platform and result', labelNames: ['platform', 'result'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
