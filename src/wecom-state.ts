// The WeCom adapter's shared state in the database (migration 009): response codes, open text
// prompts and the per-member send pace. Times are the app clock's milliseconds, so a test clock
// moves them (the member pace excepted: it runs on the database's clock, shared by all); every "only one may have it" is a row lock or a conditional update.
import { sql, type Generated, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { WecomState } from '../adapters/wecom/state.js';
import { REMEMBER_EXPIRED_MS, type Prompt, type PromptLookup } from '../adapters/wecom/prompts.js';
import { earliestSend, MEMBER_PACE } from '../adapters/wecom/member-pace.js';

type WecomTables = {
  wecom_response_codes: { response_code: string; task_id: string; seq: Generated<number>; expires_at: Date; used_at: Date | null };
  wecom_prompts: {
    user_id: string; prompt_id: string; item_id: string; action: string; input: string; label: string;
    until: Date; taken_by: string | null; told_at: Date | null;
  };
  wecom_member_pace: { user_id: string; recent: Generated<number[]>; tat: Generated<number> };
};

/** Expired rows are swept at most this often per instance. */
const SWEEP_EVERY_MS = 60_000;

export function createWecomState(database: Kysely<Database>): WecomState {
  const db = database.withTables<WecomTables>();
  let lastSweep = 0;

  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    await db.deleteFrom('wecom_response_codes').where('expires_at', '<', new Date(now)).execute();
    await db.deleteFrom('wecom_prompts').where('until', '<', new Date(now - REMEMBER_EXPIRED_MS)).execute();
  }

  const toPrompt = (r: { prompt_id: string; item_id: string; action: string; input: string; label: string; until: Date }): Prompt => ({
    id: r.prompt_id, itemId: r.item_id, action: r.action, input: r.input, label: r.label, until: new Date(r.until).getTime(),
  });

  return {
    async keepResponseCode(taskId, code, expiresAt) {
      await db.insertInto('wecom_response_codes').values({ response_code: code, task_id: taskId, expires_at: new Date(expiresAt) })
        .onConflict((oc) => oc.column('response_code').doNothing()).execute();
      await sweep(Date.now());
    },

    async takeResponseCode(taskId, now) {
      // The row lock of the inner select makes a second taker skip to an older code, or to none.
      const taken = await sql<{ response_code: string }>`
        update wecom_response_codes set used_at = now()
        where response_code = (
          select response_code from wecom_response_codes
          where task_id = ${taskId} and used_at is null and expires_at > ${new Date(now)}
          order by seq desc limit 1 for update skip locked)
        and used_at is null
        returning response_code`.execute(db);
      return taken.rows[0]?.response_code;
    },

    async giveBackResponseCode(code) {
      await db.updateTable('wecom_response_codes').set({ used_at: null }).where('response_code', '=', code).execute();
    },

    async setPrompt(userId, p) {
      const row = { prompt_id: p.id, item_id: p.itemId, action: p.action, input: p.input, label: p.label, until: new Date(p.until), taken_by: null, told_at: null };
      await db.insertInto('wecom_prompts').values({ user_id: userId, ...row })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(row)).execute();
    },

    async takePrompt(userId, eventId, now): Promise<PromptLookup> {
      const taken = await db.updateTable('wecom_prompts').set({ taken_by: eventId })
        .where('user_id', '=', userId).where('until', '>=', new Date(now))
        .where((eb) => eb.or([eb('taken_by', 'is', null), eb('taken_by', '=', eventId)]))
        .returningAll().executeTakeFirst();
      if (taken) return { state: 'open', prompt: toPrompt(taken) };
      const row = await db.selectFrom('wecom_prompts').selectAll().where('user_id', '=', userId).executeTakeFirst();
      // Open but taken by another message being handled right now: this text is not its input.
      if (!row || new Date(row.until).getTime() >= now || new Date(row.until).getTime() + REMEMBER_EXPIRED_MS < now) return { state: 'none' };
      return { state: 'expired', prompt: toPrompt(row) };
    },

    async releasePrompt(userId, promptId) {
      await db.updateTable('wecom_prompts').set({ taken_by: null }).where('user_id', '=', userId).where('prompt_id', '=', promptId).execute();
    },

    async closePrompt(userId, promptId) {
      await db.deleteFrom('wecom_prompts').where('user_id', '=', userId).where('prompt_id', '=', promptId).execute();
    },

    async takeTimedOutPrompts(now) {
      await sweep(now);
      const rows = await db.updateTable('wecom_prompts').set({ told_at: new Date(now) })
        .where('until', '<', new Date(now)).where('told_at', 'is', null).where('taken_by', 'is', null)
        .returningAll().execute();
      return rows.map((r) => ({ userId: r.user_id, prompt: toPrompt(r) }));
    },

    async reserveMembers(userIds, maxWaitMs) {
      const ids = [...new Set(userIds)].sort();
      if (ids.length === 0) return { reserved: true, waitMs: 0 };
      return db.transaction().execute(async (trx) => {
        // Rows first, then locked in one order: two instances sending to the same people queue, never deadlock.
        await trx.insertInto('wecom_member_pace').values(ids.map((user_id) => ({ user_id })))
          .onConflict((oc) => oc.column('user_id').doNothing()).execute();
        const rows = await trx.selectFrom('wecom_member_pace').select(['user_id', 'recent', 'tat'])
          .where('user_id', 'in', ids).orderBy('user_id').forUpdate().execute();
        // The database's clock, which every instance shares (as the delivery worker's pace does).
        const clock = await sql<{ now: number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now`.execute(trx);
        const now = Number(clock.rows[0]!.now);
        const states = rows.map((r) => ({ recent: r.recent.map(Number), tat: Number(r.tat) }));
        const at = Math.max(now, ...states.map((s) => earliestSend(s, now)));
        const waitMs = at - now;
        if (waitMs > maxWaitMs) return { reserved: false, waitMs };
        // afterSend() in SQL: each member's own history gets the same send time.
        await trx.updateTable('wecom_member_pace')
          .set({
            recent: sql`(recent || ${at}::float8)[greatest(1, cardinality(recent) + 2 - ${MEMBER_PACE.perMinute}::int):]`,
            tat: sql`greatest(tat, ${at}::float8) + ${MEMBER_PACE.hourIntervalMs}::float8`,
          })
          .where('user_id', 'in', ids).execute();
        return { reserved: true, waitMs };
      });
    },
  };
}
