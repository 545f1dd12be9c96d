// CSAT and NPS of a period, from the survey answers given in it: a rating or NPS answer sent with
// an item counts when the item occurred, one sent later for it (intake's /survey) when it was
// given. Answered items only, through their own partial index (migration 012), so a period costs
// what its answers cost whatever the size of the table.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StatsRange } from './period.js';

export interface SurveyFigures {
  /** Ratings 1–5; satisfied = 4 or 5. Null when none was given. */
  csat: { responses: number; satisfied: number; average: number } | null;
  /** 0–10 answers; promoters 9–10, detractors 0–6; score = % promoters − % detractors. Null when none. */
  nps: { responses: number; promoters: number; detractors: number; score: number } | null;
}

export async function surveyFigures(db: Kysely<Database>, range: StatsRange): Promise<SurveyFigures> {
  // The same expression and predicate as the index, so PostgreSQL reads only answered items.
  const { rows: [r] } = await sql<{ rated: number; satisfied: number; average: number | string | null; answered: number; promoters: number; detractors: number }>`
    SELECT count(rating)::int AS rated, (count(*) FILTER (WHERE rating >= 4))::int AS satisfied, avg(rating) AS average,
           count(nps)::int AS answered, (count(*) FILTER (WHERE nps >= 9))::int AS promoters, (count(*) FILTER (WHERE nps <= 6))::int AS detractors
    FROM feedback
    WHERE (rating IS NOT NULL OR nps IS NOT NULL)
      AND coalesce(rated_at, occurred_at) >= ${range.from} AND coalesce(rated_at, occurred_at) < ${range.to}`.execute(db);
  return {
    csat: r.rated === 0 ? null : { responses: r.rated, satisfied: r.satisfied, average: Math.round(Number(r.average) * 100) / 100 },
    nps: r.answered === 0 ? null : {
      responses: r.answered, promoters: r.promoters, detractors: r.detractors,
      score: Math.round(((r.promoters - r.detractors) / r.answered) * 100),
    },
  };
}
