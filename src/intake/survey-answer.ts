// A survey answer for an item that already exists (the satisfaction survey sent after it was
// closed, an NPS mail): its CSAT rating and/or NPS answer, found by the item's id, its short id
// (FB-12) or the sender's external id. It is recorded on the item, never as a second item, with
// an audit event; the time it was given is when CSAT and NPS count it.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import { maskText } from '../privacy/mask.js';
import { NPS, RATING } from './draft-schema.js';

export const SurveyAnswerSchema = z.object({
  item: z.string().trim().min(1).max(200).optional(),
  external_id: z.string().trim().min(1).max(200).optional(),
  rating: RATING.optional(),
  nps: NPS.optional(),
  // The customer's own words: masked before anything keeps them.
  comment: z.string().max(2000).transform(maskText).optional(),
  answered_at: z.iso.datetime({ offset: true }).optional(),
}).superRefine((a, ctx) => {
  if ((a.item === undefined) === (a.external_id === undefined)) ctx.addIssue({ code: 'custom', path: ['item'], message: 'survey.which_item' });
  if (a.rating === undefined && a.nps === undefined) ctx.addIssue({ code: 'custom', path: ['rating'], message: 'survey.no_answer' });
});
export type SurveyAnswer = z.infer<typeof SurveyAnswerSchema>;

export type SurveyResult = { status: 'recorded' | 'unchanged'; id: string; shortId: string } | { status: 'unknown_item' };

/**
 * Records the answer on the item, or answers 'unchanged' when the same answer is already recorded
 * (a retry), or 'unknown_item'. The item's version is left alone: an answer is not a card action
 * and must not make an agent's click lose.
 */
export async function recordSurveyAnswer(db: Kysely<Database>, source: string, answer: SurveyAnswer, now: Date): Promise<SurveyResult> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('feedback').select(['id', 'seq', 'rating', 'nps', 'rated_at']);
    const short = answer.item === undefined ? null : /^fb-(\d{1,9})$/i.exec(answer.item);
    if (answer.external_id !== undefined) query = query.where('source', '=', source).where('external_id', '=', answer.external_id);
    else if (short) query = query.where('seq', '=', Number(short[1]));
    else query = query.where('id', '=', answer.item!);
    const row = await query.forUpdate().executeTakeFirst();
    if (!row) return { status: 'unknown_item' as const };
    const rating = answer.rating ?? row.rating;
    const nps = answer.nps ?? row.nps;
    const done = { id: row.id, shortId: shortIdOf(row.seq) };
    if (row.rated_at !== null && rating === row.rating && nps === row.nps) {
      const last = await trx.selectFrom('feedback_events').select('data').where('feedback_id', '=', row.id).where('type', '=', 'surveyed')
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      if ((last?.data as { text?: string } | undefined)?.text === answer.comment) return { status: 'unchanged' as const, ...done };
    }
    const at = answer.answered_at ? new Date(answer.answered_at) : now;
    await trx.updateTable('feedback').set({ rating, nps, rated_at: at }).where('id', '=', row.id).execute();
    const data = { ...(answer.rating === undefined ? {} : { rating: answer.rating }), ...(answer.nps === undefined ? {} : { nps: answer.nps }),
      ...(answer.comment ? { text: answer.comment } : {}) };
    await trx.insertInto('feedback_events').values({ feedback_id: row.id, type: 'surveyed', actor_id: null, created_at: at, data: JSON.stringify(data) }).execute();
    return { status: 'recorded' as const, ...done };
  });
}

/** An NPS that clients sent before it was a field of its own, as metadata.nps: used when it is a whole 0–10. */
export function npsOfMetadata(metadata: Record<string, unknown> | undefined): number | null {
  const value = metadata?.nps;
  return NPS.safeParse(value).success ? (value as number) : null;
}
