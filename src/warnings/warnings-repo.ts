// Warnings in the database: a finding opens a warning for its key or updates the live one (a
// higher level raises it), a key no longer found for a while closes itself, and each change
// enqueues the card's post or in-place update for every warnings room in the same transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RoutedChannel } from '../routing.js';
import type { Translate } from '../i18n/translate.js';
import { enqueueMessages } from '../outbox/enqueue.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { levelRank, type Evidence, type Finding, type Level, type WarningType } from './levels.js';
import { warningShortId, type Warning, type WarningStatus } from './warning.js';

type Db = Kysely<Database>;

/** A key not found again for this long is back to normal (two quiet scans at the default 5 minutes). */
export const RECOVER_AFTER_MS = 10 * 60_000;

export interface ApplyResult { opened: number[]; raised: number[]; updated: number[]; recovered: number[] }

/**
 * Applies one evaluation: `types` are the signals that were evaluated (only their live warnings
 * may recover), `findings` what they found. Safe to run on several instances at once: a key has
 * one live row (unique index), and each row is changed under its row lock.
 */
export async function applyFindings(db: Db, o: { now: Date; types: WarningType[]; findings: Finding[]; rooms: RoutedChannel[]; t: Translate }): Promise<ApplyResult> {
  const result: ApplyResult = { opened: [], raised: [], updated: [], recovered: [] };
  for (const finding of o.findings) {
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('warnings')
        .values({
          key: finding.key, type: finding.type, level: finding.level, peak_level: finding.level, status: 'open',
          subject: JSON.stringify(finding.subject), evidence: JSON.stringify(finding.evidence), opened_at: o.now, updated_at: o.now,
        })
        .onConflict((oc) => oc.column('key').where('ended_at', 'is', null).doNothing())
        .returning('id').executeTakeFirst();
      if (inserted) {
        await event(trx, inserted.id, 'opened', null, { level: finding.level, observed: finding.evidence.observed }, o.now);
        await enqueueMessages(trx, postMessages(inserted.id, finding.level, o.rooms, o.t, finding));
        result.opened.push(inserted.id);
        return;
      }
      const live = await trx.selectFrom('warnings').selectAll().where('key', '=', finding.key).where('ended_at', 'is', null).forUpdate().executeTakeFirstOrThrow();
      const rises = levelRank(finding.level) > levelRank(live.level as Level);
      const changed = rises || (live.evidence as unknown as Evidence).observed !== finding.evidence.observed;
      const version = changed ? live.version + 1 : live.version;
      await trx.updateTable('warnings').set({
        evidence: JSON.stringify(finding.evidence), updated_at: o.now, version,
        ...(rises ? { level: finding.level, peak_level: finding.level } : {}),
        // A response that did not help: a resolved warning that worsens is open again.
        ...(rises && live.status === 'resolved' ? { status: 'open' } : {}),
      }).where('id', '=', live.id).execute();
      if (rises) {
        await event(trx, live.id, 'raised', null, { from: live.level, to: finding.level, observed: finding.evidence.observed }, o.now);
        result.raised.push(live.id);
      } else if (changed) result.updated.push(live.id);
      if (changed) await enqueueMessages(trx, updateMessages(live.id, version, o.rooms));
      if (rises && finding.level === 'severe') await enqueueMessages(trx, pingMessages(live.id, o.rooms, o.t, finding, 'raised'));
    });
  }
  const found = new Set(o.findings.map((f) => f.key));
  const stale = await db.selectFrom('warnings').select(['id', 'key'])
    .where('ended_at', 'is', null).where('type', 'in', o.types.length ? o.types : ['-'])
    .where('updated_at', '<=', new Date(o.now.getTime() - RECOVER_AFTER_MS)).execute();
  for (const w of stale.filter((s) => !found.has(s.key))) {
    await db.transaction().execute(async (trx) => {
      const ended = await trx.updateTable('warnings')
        .set({ ended_at: o.now, status: sql<WarningStatus>`case when status = 'resolved' then 'resolved' else 'recovered' end`, version: sql<number>`version + 1` })
        .where('id', '=', w.id).where('ended_at', 'is', null).returning('version').executeTakeFirst();
      if (!ended) return;
      await event(trx, w.id, 'recovered', null, {}, o.now);
      await enqueueMessages(trx, updateMessages(w.id, ended.version, o.rooms));
      result.recovered.push(w.id);
    });
  }
  return result;
}

function postMessages(id: number, level: Level, rooms: RoutedChannel[], t: Translate, finding: Finding): OutboxMessage[] {
  const posts: OutboxMessage[] = rooms.map((r) => ({
    idempotencyKey: `warning:${id}:post:${r.platform}:${r.chatId}`, platform: r.platform, chatId: r.chatId,
    payload: { kind: 'warning.post', warningId: id, readOnly: r.readOnly },
  }));
  return level === 'severe' ? [...posts, ...pingMessages(id, rooms, t, finding, 'opened')] : posts;
}

function updateMessages(id: number, version: number, rooms: RoutedChannel[]): OutboxMessage[] {
  return rooms.map((r) => ({
    idempotencyKey: `warning:${id}:v${version}:${r.platform}:${r.chatId}`, platform: r.platform, chatId: r.chatId,
    payload: { kind: 'warning.update', warningId: id, readOnly: r.readOnly },
  }));
}

/** Severe: supervisors and managers are named in the room so their platform notifies them. */
function pingMessages(id: number, rooms: RoutedChannel[], t: Translate, finding: Finding, why: 'opened' | 'raised'): OutboxMessage[] {
  return rooms.map((r) => ({
    idempotencyKey: `warning:${id}:ping:${why}:${r.platform}:${r.chatId}`, platform: r.platform, chatId: r.chatId,
    payload: { kind: 'text', text: t('warning.ping', { id: warningShortId(id), what: t(`warning.type.${finding.type}`) }), ping: ['supervisor', 'manager'] },
  }));
}

async function event(trx: Transaction<Database>, warningId: number, type: string, actorId: string | null, data: Record<string, unknown>, at: Date) {
  await trx.insertInto('warning_events').values({ warning_id: warningId, type, actor_id: actorId, data: JSON.stringify(data), created_at: at }).execute();
}

type WarningRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function rowToWarning(r: WarningRow): Warning {
  return {
    id: r.id, shortId: warningShortId(r.id), key: r.key, type: r.type as WarningType, level: r.level as Level, peakLevel: r.peak_level as Level,
    status: r.status as WarningStatus, version: r.version, subject: r.subject as unknown as Record<string, string>, evidence: r.evidence as unknown as Evidence,
    openedAt: r.opened_at, seenAt: r.updated_at,
    acknowledged: r.acknowledged_by && r.acknowledged_at ? { by: r.acknowledged_by, name: r.ack_name ?? r.acknowledged_by, at: r.acknowledged_at } : null,
    assignee: r.assignee_id && r.assigned_at ? { id: r.assignee_id, name: r.assignee_name ?? r.assignee_id, at: r.assigned_at } : null,
    resolved: r.resolved_by && r.resolved_at ? { by: r.resolved_by, name: r.resolver_name ?? r.resolved_by, at: r.resolved_at, note: r.resolution_note ?? '' } : null,
    endedAt: r.ended_at,
  };
}

function baseQuery(db: Db) {
  return db.selectFrom('warnings as w')
    .leftJoin('agents as ack', 'ack.id', 'w.acknowledged_by')
    .leftJoin('agents as asg', 'asg.id', 'w.assignee_id')
    .leftJoin('agents as res', 'res.id', 'w.resolved_by')
    .selectAll('w')
    .select(['ack.name as ack_name', 'asg.name as assignee_name', 'res.name as resolver_name']);
}

export async function getWarning(db: Db, id: number): Promise<Warning | undefined> {
  const row = await baseQuery(db).where('w.id', '=', id).executeTakeFirst();
  return row ? rowToWarning(row) : undefined;
}

/** Live and not yet resolved by a person, most severe first. */
export async function listOpenWarnings(db: Db): Promise<Warning[]> {
  const rows = await baseQuery(db).where('w.ended_at', 'is', null).where('w.status', 'in', ['open', 'acknowledged'])
    .orderBy(sql`case w.level when 'severe' then 0 when 'important' then 1 else 2 end`).orderBy('w.opened_at', 'desc').execute();
  return rows.map(rowToWarning);
}

/** Opened since `since`, newest first. */
export async function listRecentWarnings(db: Db, since: Date, limit = 30): Promise<Warning[]> {
  const rows = await baseQuery(db).where('w.opened_at', '>=', since).orderBy('w.opened_at', 'desc').limit(limit).execute();
  return rows.map(rowToWarning);
}

export { enqueueMessages, updateMessages, event as warningEvent };
