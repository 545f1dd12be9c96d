// A hand-made week of items around 2026-11-30 in Asia/Shanghai (UTC+8), with every expected
// digest figure worked out by hand in digest-data.test.ts. Times are local Shanghai times.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { upsertAgent } from '../../src/agents-repo.js';

export const ZONE = 'Asia/Shanghai';
const MIN = 60_000;

/** A Shanghai wall-clock time as an instant: '11-30 10:00' → 2026-11-30T02:00Z. */
export function sh(local: string): Date {
  const [md, hm] = local.split(' ');
  return new Date(`2026-${md}T${hm}:00+08:00`);
}

interface Row {
  id: string; at: string; kind: string; topic: string; sentiment: string; score: number; channel: string; text: string;
  responseDueMin: number; resolveDueMin: number; firstResponse?: string; resolved?: string; closed?: string;
  state?: string; assignee?: string; rating?: number; nps?: number;
}

export const ROWS: Row[] = [
  // The period: Monday 2026-11-30, local. E came in five minutes after local midnight (still 11-29 in UTC).
  { id: 'A', at: '11-30 10:00', kind: 'complaint', topic: 'logistics', sentiment: 'negative', score: -0.9, channel: 'app',
    text: '快递三天没到，打 138****5678 也没人接', responseDueMin: 30, resolveDueMin: 24 * 60,
    firstResponse: '11-30 10:20', resolved: '11-30 14:00', state: 'resolved', assignee: 'li-wei' },
  { id: 'B', at: '11-30 11:00', kind: 'complaint', topic: 'logistics', sentiment: 'negative', score: -0.5, channel: 'email',
    text: 'Parcel stuck at the depot for a week', responseDueMin: 120, resolveDueMin: 72 * 60,
    firstResponse: '11-30 14:00', state: 'claimed', assignee: 'li-wei' },
  { id: 'C', at: '11-30 12:00', kind: 'inquiry', topic: 'refund', sentiment: 'neutral', score: 0, channel: 'app',
    text: '退款什么时候到账？', responseDueMin: 120, resolveDueMin: 72 * 60,
    firstResponse: '11-30 12:30', resolved: '12-01 09:00', state: 'resolved', assignee: 'wang-fang' },
  { id: 'D', at: '11-30 20:00', kind: 'complaint', topic: 'quality', sentiment: 'negative', score: -0.7, channel: 'web',
    text: '屏幕有划痕，质量太差', responseDueMin: 120, resolveDueMin: 72 * 60 },
  { id: 'E', at: '11-30 00:05', kind: 'praise', topic: 'other', sentiment: 'positive', score: 0.9, channel: 'survey',
    text: '师傅很专业，点赞', responseDueMin: 24 * 60, resolveDueMin: 7 * 24 * 60, rating: 5, nps: 10 },
  { id: 'F', at: '11-30 08:00', kind: 'suggestion', topic: 'other', sentiment: 'neutral', score: 0.1, channel: 'survey',
    text: 'App could remember my address', responseDueMin: 24 * 60, resolveDueMin: 7 * 24 * 60,
    closed: '11-30 15:00', state: 'closed', assignee: 'wang-fang', rating: 2, nps: 5 },
  // The day before (the comparison), and the day before that (only in the trend).
  { id: 'G', at: '11-29 09:00', kind: 'complaint', topic: 'logistics', sentiment: 'negative', score: -0.6, channel: 'app',
    text: '包裹被放错了地方', responseDueMin: 120, resolveDueMin: 72 * 60, firstResponse: '11-29 09:30', state: 'claimed', assignee: 'li-wei' },
  { id: 'H', at: '11-29 18:00', kind: 'inquiry', topic: 'refund', sentiment: 'neutral', score: 0, channel: 'email',
    text: 'Where is my refund?', responseDueMin: 120, resolveDueMin: 72 * 60 },
  { id: 'I', at: '11-28 18:00', kind: 'complaint', topic: 'logistics', sentiment: 'negative', score: -0.4, channel: 'app',
    text: 'Courier was rude', responseDueMin: 120, resolveDueMin: 72 * 60 },
  // Ten minutes into 12-01 local (still 11-30 in UTC): outside the period.
  { id: 'K', at: '12-01 00:10', kind: 'inquiry', topic: 'other', sentiment: 'neutral', score: 0, channel: 'app',
    text: 'Do you ship to Macau?', responseDueMin: 120, resolveDueMin: 72 * 60 },
];

const EVENTS: { item: string; type: string; actor: string; at: string }[] = [
  { item: 'A', type: 'claimed', actor: 'li-wei', at: '11-30 10:05' },
  { item: 'A', type: 'replied', actor: 'li-wei', at: '11-30 10:20' },
  { item: 'A', type: 'resolved', actor: 'li-wei', at: '11-30 14:00' },
  { item: 'B', type: 'claimed', actor: 'li-wei', at: '11-30 11:30' },
  { item: 'B', type: 'replied', actor: 'li-wei', at: '11-30 14:00' },
  { item: 'C', type: 'claimed', actor: 'wang-fang', at: '11-30 12:10' },
  { item: 'C', type: 'replied', actor: 'wang-fang', at: '11-30 12:30' },
  { item: 'C', type: 'resolved', actor: 'wang-fang', at: '12-01 09:00' },
  { item: 'F', type: 'closed', actor: 'wang-fang', at: '11-30 15:00' },
  { item: 'G', type: 'claimed', actor: 'li-wei', at: '11-29 09:10' },
  { item: 'G', type: 'resolved', actor: 'li-wei', at: '11-29 10:00' },
  { item: 'G', type: 'reopened', actor: 'li-wei', at: '11-30 09:00' },
];

export async function seedDigestFixture(db: Kysely<Database>): Promise<void> {
  for (const agent of [{ id: 'li-wei', name: 'Li Wei', role: 'agent' as const }, { id: 'wang-fang', name: 'Wang Fang', role: 'agent' as const }, { id: 'zhang-min', name: 'Zhang Min', role: 'supervisor' as const }]) {
    await upsertAgent(db, agent);
  }
  await db.insertInto('sources').values({ name: 'fixture' }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('customers').values({ id: 'c-1', name: null, phone_enc: null, email_enc: null }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('feedback').values(ROWS.map((r) => {
    const at = sh(r.at);
    return {
      id: r.id, source: 'fixture', external_id: r.id, customer_id: 'c-1', channel: r.channel, text: r.text, text_norm: r.text.toLowerCase(),
      kind: r.kind, topic: r.topic, sentiment: r.sentiment, score: r.score, priority: 'general', classified_via: 'fixture',
      state: r.state ?? 'new', assignee_id: r.assignee ?? null, rating: r.rating ?? null, nps: r.nps ?? null, order_id: null,
      // As intake stores an NPS answer: its own column (metadata keeps what the sender sent).
      metadata: JSON.stringify(r.nps === undefined ? {} : { nps: r.nps }),
      occurred_at: at, created_at: at,
      response_due_at: new Date(at.getTime() + r.responseDueMin * MIN), resolve_due_at: new Date(at.getTime() + r.resolveDueMin * MIN),
      first_response_at: r.firstResponse ? sh(r.firstResponse) : null, resolved_at: r.resolved ? sh(r.resolved) : null,
      closed_at: r.closed ? sh(r.closed) : null, resolution: null,
    };
  })).execute();
  await db.insertInto('feedback_events').values(EVENTS.map((e) => ({
    feedback_id: e.item, type: e.type, actor_id: e.actor, data: '{}', created_at: sh(e.at),
  }))).execute();
}
