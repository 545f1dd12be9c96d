// The .xlsx export: sheets "items", "events" and "summary", typed cells (times as Excel dates in
// the export's time zone, scores and minutes as numbers), a frozen header row and filters on
// every column. Texts are the stored ones, which were masked before they were stored; customer
// ids are masked again here, since some sources use a phone number as the id.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { maskText } from '../privacy/mask.js';
import { shortIdOf } from '../items/item-row.js';
import { offsetAt } from '../stats/zoned-time.js';

export interface ExportRequest { from: Date; to: Date; label: string; timeZone: string; topic?: string; now: Date }

export interface ExportFile { bytes: Buffer; items: number; events: number; truncated: boolean }

/** Rows at most in one file: a larger period is cut (and the summary says so). */
export const EXPORT_LIMITS = { items: 100_000, events: 400_000 } as const;

type Cell = string | number | Date | null;
interface Column { header: string; key: string; width: number; numFmt?: string }

const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

const ITEM_COLUMNS: Column[] = [
  { header: 'ID', key: 'short_id', width: 10 },
  { header: '发生时间 Occurred', key: 'occurred_at', width: 17, numFmt: DATE_FORMAT },
  { header: '接收时间 Received', key: 'created_at', width: 17, numFmt: DATE_FORMAT },
  { header: '来源 Source', key: 'source', width: 12 },
  { header: '渠道 Channel', key: 'channel', width: 12 },
  { header: '客户 Customer', key: 'customer_id', width: 14 },
  { header: '类型 Kind', key: 'kind', width: 11 },
  { header: '主题 Topic', key: 'topic', width: 14 },
  { header: '情感 Sentiment', key: 'sentiment', width: 11 },
  { header: '情感分 Score', key: 'score', width: 10, numFmt: '0.00' },
  { header: '优先级 Priority', key: 'priority', width: 11 },
  { header: '状态 State', key: 'state', width: 14 },
  { header: '处理人 Assignee', key: 'assignee', width: 14 },
  { header: '评分 Rating', key: 'rating', width: 9 },
  { header: '内容（已脱敏） Text (masked)', key: 'text', width: 60 },
  { header: '响应截止 Response due', key: 'response_due_at', width: 17, numFmt: DATE_FORMAT },
  { header: '首次响应 First response', key: 'first_response_at', width: 17, numFmt: DATE_FORMAT },
  { header: '响应分钟 Response min', key: 'response_minutes', width: 11, numFmt: '0' },
  { header: '解决截止 Resolve due', key: 'resolve_due_at', width: 17, numFmt: DATE_FORMAT },
  { header: '解决时间 Resolved', key: 'resolved_at', width: 17, numFmt: DATE_FORMAT },
  { header: '关闭时间 Closed', key: 'closed_at', width: 17, numFmt: DATE_FORMAT },
  { header: '结论 Resolution', key: 'resolution', width: 12 },
];

const EVENT_COLUMNS: Column[] = [
  { header: 'ID', key: 'short_id', width: 10 },
  { header: '时间 At', key: 'at', width: 17, numFmt: DATE_FORMAT },
  { header: '事件 Event', key: 'type', width: 12 },
  { header: '操作人 By', key: 'actor', width: 14 },
  { header: '内容 Detail', key: 'detail', width: 60 },
];

/** Builds the workbook of items that occurred in [from, to) (and of `topic`, when given). */
export async function buildExport(db: Kysely<Database>, r: ExportRequest): Promise<ExportFile> {
  const scope = () => {
    let q = db.selectFrom('feedback as f').where('f.occurred_at', '>=', r.from).where('f.occurred_at', '<', r.to);
    if (r.topic) q = q.where('f.topic', '=', r.topic);
    return q;
  };
  const items = await scope().leftJoin('agents as a', 'a.id', 'f.assignee_id')
    .select(['f.seq', 'f.occurred_at', 'f.created_at', 'f.source', 'f.channel', 'f.customer_id', 'f.kind', 'f.topic', 'f.sentiment', 'f.score',
      'f.priority', 'f.state', 'a.name as assignee', 'f.rating', 'f.text', 'f.response_due_at', 'f.first_response_at', 'f.resolve_due_at',
      'f.resolved_at', 'f.closed_at', 'f.resolution'])
    .orderBy('f.occurred_at').orderBy('f.seq').limit(EXPORT_LIMITS.items + 1).execute();
  const truncated = items.length > EXPORT_LIMITS.items;
  if (truncated) items.pop();
  const lastOccurred = items.length ? items[items.length - 1].occurred_at : r.to;
  const events = items.length === 0 ? [] : await scope().where('f.occurred_at', '<=', lastOccurred)
    .innerJoin('feedback_events as e', 'e.feedback_id', 'f.id').leftJoin('agents as a', 'a.id', 'e.actor_id')
    .select(['f.seq', 'e.created_at', 'e.type', 'a.name as actor', sql<Record<string, unknown>>`e.data`.as('data')])
    .orderBy('e.created_at').orderBy('e.id').limit(EXPORT_LIMITS.events).execute();

  const local = (d: Date | string | null): Date | null => {
    if (d === null) return null;
    const at = new Date(d);
    // Excel dates carry no zone: the cell shows the wall-clock time of the export's zone.
    return new Date(at.getTime() + offsetAt(at, r.timeZone));
  };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = r.now;
  workbook.creator = 'feedback-desk';

  addSheet(workbook, 'items', ITEM_COLUMNS, items.map((i) => ({
    short_id: shortIdOf(i.seq), occurred_at: local(i.occurred_at), created_at: local(i.created_at), source: i.source, channel: i.channel,
    customer_id: maskText(i.customer_id), kind: i.kind, topic: i.topic, sentiment: i.sentiment, score: Number(i.score), priority: i.priority,
    state: i.state, assignee: i.assignee, rating: i.rating, text: i.text, response_due_at: local(i.response_due_at),
    first_response_at: local(i.first_response_at),
    response_minutes: i.first_response_at ? Math.round((new Date(i.first_response_at).getTime() - new Date(i.created_at).getTime()) / 60_000) : null,
    resolve_due_at: local(i.resolve_due_at), resolved_at: local(i.resolved_at), closed_at: local(i.closed_at), resolution: i.resolution,
  })));
  addSheet(workbook, 'events', EVENT_COLUMNS, events.map((e) => ({
    short_id: shortIdOf(e.seq), at: local(e.created_at), type: e.type, actor: e.actor, detail: detailOf(e.data),
  })));
  addSummary(workbook, r, items, events.length, truncated);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, items: items.length, events: events.length, truncated };
}

type Workbook = InstanceType<typeof import('exceljs').Workbook>;

function addSheet(workbook: Workbook, name: string, columns: Column[], rows: Record<string, Cell>[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function addSummary(workbook: Workbook, r: ExportRequest, items: { kind: string; topic: string; channel: string; sentiment: string }[], events: number, truncated: boolean): void {
  const sheet = workbook.addWorksheet('summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ header: '项目 Measure', key: 'what', width: 28 }, { header: '值 Value', key: 'value', width: 14 }, { header: '占比 Share', key: 'share', width: 10, style: { numFmt: '0.0%' } }];
  sheet.getRow(1).font = { bold: true };
  const total = items.length;
  const share = (n: number) => (total === 0 ? null : n / total);
  sheet.addRows([
    { what: '时间段 Period', value: r.label }, { what: '时区 Time zone', value: r.timeZone },
    ...(r.topic ? [{ what: '主题 Topic', value: r.topic }] : []),
    { what: '反馈 Items', value: total }, { what: '处理记录 Events', value: events },
    ...(truncated ? [{ what: `只含前 ${EXPORT_LIMITS.items} 条 First ${EXPORT_LIMITS.items} only`, value: EXPORT_LIMITS.items }] : []),
  ]);
  for (const [label, key] of [['类型 Kind', 'kind'], ['主题 Topic', 'topic'], ['渠道 Channel', 'channel'], ['情感 Sentiment', 'sentiment']] as const) {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i[key], (counts.get(i[key]) ?? 0) + 1);
    for (const [value, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) sheet.addRow({ what: `${label}: ${value}`, value: n, share: share(n) });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 3 } };
}

// Replies, notes and reasons were masked when stored; resolution codes are plain words.
function detailOf(data: Record<string, unknown>): string | null {
  const value = data.text ?? data.reason ?? data.code;
  return typeof value === 'string' && value ? value : null;
}
