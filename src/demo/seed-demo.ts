// Seeds the demo team and sample items. Idempotent: each sample has an external id, so a restart
// finds them as duplicates and posts no new cards.
import type { Deps } from '../deps.js';
import { upsertAgent } from '../agents-repo.js';
import { ingestFeedback } from '../intake/ingest.js';
import { DEMO_AGENTS, DEMO_ITEMS } from './demo-team.js';

export async function seedDemo(deps: Deps): Promise<{ agents: number; created: number }> {
  for (const agent of DEMO_AGENTS) await upsertAgent(deps.db, agent);
  // Every later start: one count instead of twenty trips through intake to learn they are duplicates.
  if (await seededItems(deps) >= DEMO_ITEMS.length) return { agents: DEMO_AGENTS.length, created: 0 };
  // All at once: the intake writer stores them together in one commit, in this order.
  const results = await Promise.all(DEMO_ITEMS.map((item, n) => ingestFeedback(deps, 'demo', {
    text: item.text, channel: item.channel, external_id: `demo-${n + 1}`,
    customer: { id: item.customer, name: item.name, ...(item.tier ? { tier: item.tier } : {}), ...(item.phone ? { phone: item.phone } : {}), ...(item.email ? { email: item.email } : {}) },
    ...(item.rating ? { rating: item.rating } : {}),
  })));
  const created = results.filter((r) => r.status === 'created').length;
  return { agents: DEMO_AGENTS.length, created };
}

async function seededItems(deps: Deps): Promise<number> {
  const ids = DEMO_ITEMS.map((_, n) => `demo-${n + 1}`);
  const row = await deps.db.selectFrom('feedback').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('source', '=', 'demo').where('external_id', 'in', ids).executeTakeFirst();
  return Number(row?.n ?? 0);
}
