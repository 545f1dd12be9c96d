// Makes a digest (figures, chart; a weekly one's workbook) for a period, stores it, and queues it for chat rooms through
// the outbox. Idempotency keys name the digest and the room, so a scheduled digest is posted once
// per room however many instances run it and however often it is retried.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { enqueueMessages } from '../outbox/enqueue.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import type { Translate } from '../i18n/translate.js';
import { readDigest, DIGEST_LIMITS, type DigestData } from './digest-data.js';
import { digestPeriod, type DigestKind, type DigestPeriod } from './period.js';
import { buildDigestWorkbook, storeDigestWorkbook, workbookIdOf, type DigestWorkbook } from './digest-workbook.js';

export interface StoredDigest { id: string; data: DigestData; chart: Buffer; workbook?: DigestWorkbook }

type DigestDeps = Pick<Deps, 'db' | 't' | 'config'> & Partial<Pick<Deps, 'clock'>>;

/**
 * Reads, draws and stores the digest of `period` (replacing an earlier one of the same period).
 * A weekly digest also gets its workbook (the report's tables). The chart is rasterised off the
 * main thread while the workbook is written, both as soon as the figures are read.
 */
export async function produceDigest(deps: DigestDeps, period: DigestPeriod): Promise<StoredDigest> {
  const now = deps.clock?.now() ?? new Date();
  const figures = readDigest(deps.db, period);
  // Loaded on first use: ECharts and resvg cost every start time that most starts never need.
  const drawing = Promise.all([figures, import('../charts/trend-chart.js')])
    .then(([data, { renderTrendChart }]) => renderTrendChart(data.trend, chartText(data.kind, deps.t)));
  const writing = period.kind === 'weekly' ? figures.then((d) => buildDigestWorkbook(d, deps.t, now)) : undefined;
  const [data, chart, file] = await Promise.all([figures, drawing, writing]);
  const id = `${period.kind}-${period.date}-${period.timeZone.replace(/[^A-Za-z0-9]+/g, '_')}`;
  await deps.db.insertInto('digests')
    .values({ id, kind: period.kind, date: period.date, time_zone: period.timeZone, data: JSON.stringify(data), chart })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data: JSON.stringify(data), chart, created_at: sql<Date>`now()` }))
    .execute();
  const workbook = file ? await storeDigestWorkbook(deps.db, id, period, file, data.total, now) : undefined;
  return { id, data, chart, ...(workbook ? { workbook } : {}) };
}

/**
 * The scheduled run: the last whole day or week before `now`, posted to every digests room on
 * every platform switched on. A second run for the same period (another instance, a catch-up)
 * queues nothing new.
 */
export async function postScheduledDigest(deps: Pick<Deps, 'db' | 't' | 'config' | 'adapters'>, kind: DigestKind, now: Date): Promise<{ digestId: string; rooms: number }> {
  const period = digestPeriod(kind, deps.config.digests.timeZone, now);
  // One made after the period ended is final (one asked for while it ran is not).
  const done = await deps.db.selectFrom('digests').select('id').where('kind', '=', kind).where('date', '=', period.date)
    .where('time_zone', '=', period.timeZone).where('created_at', '>=', period.end).executeTakeFirst();
  const digest = done
    ? { id: done.id, workbook: await deps.db.selectFrom('exports').select('id').where('id', '=', workbookIdOf(done.id)).executeTakeFirst() !== undefined }
    : await produceDigest(deps, period).then((d) => ({ id: d.id, workbook: d.workbook !== undefined }));
  const rooms = await digestRooms(deps);
  await enqueueMessages(deps.db, rooms.flatMap((room) => digestMessages(digest, room, `scheduled:${digest.id}`)));
  return { digestId: digest.id, rooms: rooms.length };
}

/**
 * The card, the chart and (a weekly digest's) workbook for one room, keyed by `runKey` so a run
 * posts each once. Platforms that take no files show the workbook as a link in the card.
 */
export function digestMessages(digest: { id: string; workbook: boolean }, room: { platform: string; chatId: string }, runKey: string = randomUUID()): OutboxMessage[] {
  const base = `digest:${runKey}:${room.platform}:${room.chatId}`;
  const digestId = digest.id;
  return [
    { idempotencyKey: `${base}:card`, platform: room.platform, chatId: room.chatId, payload: { kind: 'digest.card', digestId } },
    { idempotencyKey: `${base}:chart`, platform: room.platform, chatId: room.chatId, payload: { kind: 'digest.chart', digestId } },
    ...(digest.workbook ? [{ idempotencyKey: `${base}:workbook`, platform: room.platform, chatId: room.chatId, payload: { kind: 'export.file' as const, exportId: workbookIdOf(digestId) } }] : []),
  ];
}

async function digestRooms(deps: Pick<Deps, 'db' | 'adapters'>): Promise<{ platform: string; chatId: string }[]> {
  const rows = await deps.db.selectFrom('chat_channels').select(['platform', 'chat_id']).where('purpose', '=', 'digests').orderBy('id').execute();
  // A room on a platform that is switched off could never be delivered to.
  return rows.filter((r) => deps.adapters.has(r.platform)).map((r) => ({ platform: r.platform, chatId: r.chat_id }));
}

export function chartText(kind: DigestKind, t: Translate) {
  return kind === 'daily'
    ? { title: t('digest.chart_title.daily', { n: DIGEST_LIMITS.trendDays }), volume: t('digest.chart_volume'), negativeShare: t('digest.chart_negative') }
    : { title: t('digest.chart_title.weekly', { n: DIGEST_LIMITS.trendWeeks }), volume: t('digest.chart_volume'), negativeShare: t('digest.chart_negative') };
}
