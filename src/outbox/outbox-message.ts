// What the outbox holds. Cards are rebuilt from the item when sent, so a late delivery always
// shows the newest state and never carries more than the masked text.
export type OutboxPayload =
  | { kind: 'card.post'; itemId: string; variant: 'feedback' | 'escalation'; readOnly: boolean }
  | { kind: 'card.update'; itemId: string; variant: 'feedback' | 'escalation'; readOnly: boolean }
  /** `ping`: people of these roles are named so their platform notifies them (Slack <@U…>). */
  /** `pingAgents`: these agents are named too (a deadline reminder names the assignee). */
  | { kind: 'text'; text: string; ping?: ('supervisor' | 'manager' | 'admin')[]; pingAgents?: string[] }
  | { kind: 'customer.reply'; replyId: number; itemId: string }
  /** The room's summary card (chat_summaries), posted or updated to its current counts. */
  | { kind: 'summary' }
  /** A stored digest (digests table): its card, then its chart where the platform takes uploads. */
  | { kind: 'digest.card'; digestId: string }
  | { kind: 'digest.chart'; digestId: string }
  /** A stored export (exports table) as a file, where the platform takes file uploads. */
  | { kind: 'export.file'; exportId: string }
  /** A warning's card (src/warnings/), rebuilt from the warning when sent; updated in place after its post. */
  | { kind: 'warning.post'; warningId: number; readOnly: boolean }
  | { kind: 'warning.update'; warningId: number; readOnly: boolean };

export interface OutboxMessage {
  idempotencyKey: string;
  platform: string;
  chatId: string;
  payload: OutboxPayload;
  itemId?: string;
}
