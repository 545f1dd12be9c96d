// Repeated updates of one card coalesce to the newest: cards are rebuilt from the item as it is
// when sent, so of several messages about one card in a run only the first needs to go (a post
// stays a post) and it carries the newest state. Pure.
import type { OutboxRow } from '../db/schema.js';
import type { OutboxPayload } from './outbox-message.js';

export function coalesceRun(rows: OutboxRow[]): { send: OutboxRow[]; coalesced: number[] } {
  const kept = new Map<string, number>();
  const send: OutboxRow[] = [];
  const coalesced: number[] = [];
  for (const row of rows) {
    const key = cardKey(row.payload as OutboxPayload);
    const at = key === undefined ? undefined : kept.get(key);
    if (at === undefined) {
      if (key !== undefined) kept.set(key, send.length);
      send.push(row);
      continue;
    }
    // A post after an update of the same card (an escalation card posted again) must still
    // post: it takes the earlier message's place.
    if ((row.payload as OutboxPayload).kind === 'card.post' && (send[at].payload as OutboxPayload).kind === 'card.update') {
      coalesced.push(send[at].id);
      send[at] = row;
    } else coalesced.push(row.id);
  }
  return { send, coalesced };
}

function cardKey(p: OutboxPayload): string | undefined {
  if (p.kind === 'card.post' || p.kind === 'card.update') return `${p.itemId}:${p.variant}`;
  if (p.kind === 'summary') return 'summary';
  if (p.kind === 'warning.post' || p.kind === 'warning.update') return `warning:${p.warningId}`;
  return undefined;
}
