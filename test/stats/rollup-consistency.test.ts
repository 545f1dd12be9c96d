// The rollups always equal the same figures counted straight from feedback, whatever mix of
// inserts, updates, deletes and folds came before.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { compactStatsDeltas } from '../../src/stats/compact.js';
import { STATS_DIMENSIONS, statsBy, statsTotals, type StatsDimension, type StatsMeasures } from '../../src/stats/rollups.js';
import { openTestDatabase, databases } from '../helpers/test-database.js';
import { insertItems, type FixtureItem } from './fixture.js';
import { createRng } from '../fuzz/inbound-requests.js';

const RANGE = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
const HOUR = 3600_000;

/** The same measures, counted from the rows themselves within RANGE. */
async function direct(db: Kysely<Database>, dim: StatsDimension | 'all'): Promise<Map<string, StatsMeasures>> {
  const col = dim === 'all' ? sql`''` : dim === 'agent' ? sql`coalesce(assignee_id, '')` : sql.ref(dim);
  const inRange = (c: string) => sql`(${sql.ref(c)} >= ${RANGE.from} AND ${sql.ref(c)} < ${RANGE.to})`;
  const { rows } = await sql<Record<string, number> & { val: string }>`
    SELECT ${col} AS val,
      count(*) FILTER (WHERE ${inRange('created_at')})::int AS received,
      count(*) FILTER (WHERE ${inRange('created_at')} AND sentiment = 'negative')::int AS negative,
      count(*) FILTER (WHERE ${inRange('first_response_at')})::int AS responded,
      coalesce(sum(greatest(0, extract(epoch FROM first_response_at - created_at))::bigint) FILTER (WHERE ${inRange('first_response_at')}), 0)::float8 AS response_secs,
      count(*) FILTER (WHERE ${inRange('first_response_at')} AND first_response_at > response_due_at)::int AS response_late,
      count(*) FILTER (WHERE ${inRange('resolved_at')})::int AS resolved,
      coalesce(sum(greatest(0, extract(epoch FROM resolved_at - created_at))::bigint) FILTER (WHERE ${inRange('resolved_at')}), 0)::float8 AS resolve_secs,
      count(*) FILTER (WHERE ${inRange('resolved_at')} AND resolved_at > resolve_due_at)::int AS resolve_late,
      count(*) FILTER (WHERE ${inRange('closed_at')})::int AS closed
    FROM feedback GROUP BY 1`.execute(db);
  return new Map(rows
    .map((r) => [r.val, {
      received: r.received, negative: r.negative, responded: r.responded, responseSecs: Number(r.response_secs), responseLate: r.response_late,
      resolved: r.resolved, resolveSecs: Number(r.resolve_secs), resolveLate: r.resolve_late, closed: r.closed,
    }] as const)
    .filter(([, m]) => Object.values(m).some((n) => n !== 0)));
}


describe.each(databases)('rollups equal a direct count (%s)', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => { database = await openTestDatabase(kind); });
  afterAll(async () => { await database.close(); });

  test('after random inserts, updates, deletes and folds, for every dimension', async () => {
    const db = database.db;
    await sql`INSERT INTO agents (id, name, role) VALUES ('a1', 'A1', 'agent'), ('a2', 'A2', 'agent') ON CONFLICT DO NOTHING`.execute(db);
    const rand = createRng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const at = (base: number, spreadHours: number) => new Date(base + rand() * spreadHours * HOUR).toISOString();
    // Times straddle the range's edges, so some events fall inside and some outside it.
    const start = Date.parse('2025-12-30T00:00:00Z');
    let next = 0;
    const live: string[] = [];
    for (let round = 0; round < 6; round++) {
      const items: FixtureItem[] = Array.from({ length: 40 }, () => {
        const created = at(start, 36 * 24);
        const c = Date.parse(created);
        return {
          id: `r${next++}`, createdAt: created, topic: pick(['logistics', 'refund', 'quality']), channel: pick(['chat', 'phone']),
          kind: pick(['complaint', 'inquiry']), sentiment: pick(['negative', 'neutral', 'positive']), priority: pick(['urgent', 'general']),
          assignee: pick([null, 'a1', 'a2']), firstResponseAt: rand() < 0.6 ? at(c, 5) : null, responseDueAt: at(c, 3),
        };
      });
      await insertItems(db, items);
      live.push(...items.map((i) => i.id));
      for (let k = 0; k < 30; k++) {
        const id = pick(live);
        const op = Math.floor(rand() * 6);
        if (op === 0) await sql`UPDATE feedback SET assignee_id = ${pick(['a1', 'a2'])}, state = 'claimed' WHERE id = ${id}`.execute(db);
        else if (op === 1) await sql`UPDATE feedback SET first_response_at = created_at + ${`${Math.floor(rand() * 300)} minutes`}::interval WHERE id = ${id}`.execute(db);
        else if (op === 2) await sql`UPDATE feedback SET resolved_at = created_at + ${`${Math.floor(rand() * 100)} hours`}::interval, closed_at = created_at + interval '5 days', state = 'closed' WHERE id = ${id}`.execute(db);
        else if (op === 3) await sql`UPDATE feedback SET resolved_at = NULL, closed_at = NULL, state = 'claimed' WHERE id = ${id}`.execute(db);
        else if (op === 4) await sql`UPDATE feedback SET topic = ${pick(['price', 'refund'])}, sentiment = ${pick(['negative', 'positive'])} WHERE id = ${id}`.execute(db);
        else {
          await sql`DELETE FROM feedback WHERE id = ${id}`.execute(db);
          live.splice(live.indexOf(id), 1);
        }
      }
      // A batch of rows changed by one statement, as the deadline jobs do.
      await sql`UPDATE feedback SET priority = 'routine' WHERE id IN (SELECT id FROM feedback ORDER BY id LIMIT 25 OFFSET ${round * 5})`.execute(db);
      if (round % 2 === 1) await compactStatsDeltas(db);
    }
    const expected = await direct(db, 'all');
    expect(await statsTotals(db, RANGE)).toEqual(expected.get(''));
    expect(expected.get('')!.received).toBeGreaterThan(100);
    for (const dim of STATS_DIMENSIONS) {
      const want = await direct(db, dim);
      const got = new Map((await statsBy(db, RANGE, dim)).map((g) => [g.value, g.measures]));
      expect(Object.fromEntries(got), dim).toEqual(Object.fromEntries(want));
    }
  });
});
