// The .xlsx export: sheets "items", "events" and "summary", typed cells (times as Excel dates in
// the export's time zone, scores and minutes as numbers), a frozen header row and filters on
// every column. Texts are the stored ones, which were masked before they were stored; customer
// ids are masked again here, since some sources use a phone number as the id.
//
// Written with exceljs's streaming writer, each row committed as it is added: its in-memory
// writer took seconds to serialise a week of a busy desk. Every cell gets one of a few style
// objects made once, because exceljs looks a style up by object identity and otherwise works a
// new style out for every cell (most of its time); an empty value is no cell at all; times are
// day numbers worked out by the database (see excelDay).
import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { maskText } from '../privacy/mask.js';
import { shortIdOf } from '../items/item-row.js';

/** A line of the summary sheet: a measure, its value, and a share (0–1) when it has one. */
export interface SummaryRow { what: string; value: string | number | null; share?: number | null }

export interface ExportRequest { from: Date; to: Date; label: string; timeZone: string; topic?: string; now: Date }

export interface ExportFile { bytes: Buffer; items: number; events: number; truncated: boolean }

/** Rows at most in one file: a larger period is cut (and the summary says so). */
export const EXPORT_LIMITS = { items: 100_000, events: 400_000 } as const;

/** Deflate level of the zip: 1 is several times faster than the default 6 and the file a fifth larger. */
const ZIP_LEVEL = 1;

export type Cell = string | number | null | undefined;
export interface Column { header: string; width: number; numFmt?: string }

/** A whole sheet at once, for small workbooks (a digest's tables). */
export interface SheetSpec { name: string; columns: Column[]; rows: Cell[][] }

const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

const ITEM_COLUMNS: Column[] = [
  { header: 'ID', width: 10 },
  { header: '发生时间 Occurred', width: 17, numFmt: DATE_FORMAT },
  { header: '接收时间 Received', width: 17, numFmt: DATE_FORMAT },
  { header: '来源 Source', width: 12 },
  { header: '渠道 Channel', width: 12 },
  { header: '客户 Customer', width: 14 },
  { header: '类型 Kind', width: 11 },
  { header: '主题 Topic', width: 14 },
  { header: '情感 Sentiment', width: 11 },
  { header: '情感分 Score', width: 10, numFmt: '0.00' },
  { header: '优先级 Priority', width: 11 },
  { header: '状态 State', width: 14 },
  { header: '处理人 Assignee', width: 14 },
  { header: '评分 Rating', width: 9 },
  { header: '内容（已脱敏） Text (masked)', width: 60 },
  { header: '响应截止 Response due', width: 17, numFmt: DATE_FORMAT },
  { header: '首次响应 First response', width: 17, numFmt: DATE_FORMAT },
  { header: '响应分钟 Response min', width: 11, numFmt: '0' },
  { header: '解决截止 Resolve due', width: 17, numFmt: DATE_FORMAT },
  { header: '解决时间 Resolved', width: 17, numFmt: DATE_FORMAT },
  { header: '关闭时间 Closed', width: 17, numFmt: DATE_FORMAT },
  { header: '结论 Resolution', width: 12 },
];

const EVENT_COLUMNS: Column[] = [
  { header: 'ID', width: 10 },
  { header: '时间 At', width: 17, numFmt: DATE_FORMAT },
  { header: '事件 Event', width: 12 },
  { header: '操作人 By', width: 14 },
  { header: '内容 Detail', width: 60 },
];

const SUMMARY_COLUMNS: Column[] = [
  { header: '项目 Measure', width: 28 },
  { header: '值 Value', width: 14 },
  { header: '占比 Share', width: 10, numFmt: '0.0%' },
];

/** Builds the workbook of items that occurred in [from, to) (and of `topic`, when given). */
export async function buildExport(db: Kysely<Database>, r: ExportRequest): Promise<ExportFile> {
  let scope = db.selectFrom('feedback as f').where('f.occurred_at', '>=', r.from).where('f.occurred_at', '<', r.to);
  if (r.topic) scope = scope.where('f.topic', '=', r.topic);
  // The events of exactly the items in the file, read at the same time as the items.
  const inFile = scope.select(['f.id', 'f.seq']).orderBy('f.occurred_at').orderBy('f.seq').limit(EXPORT_LIMITS.items);
  // Times come as the wall clock of the export's zone (Excel dates carry no zone), in seconds,
  // turned into Excel's day numbers here: no Date objects or zone look-ups for a week of rows.
  const wall = (column: 'f.occurred_at' | 'f.created_at' | 'f.response_due_at' | 'f.first_response_at' | 'f.resolve_due_at' | 'f.resolved_at' | 'f.closed_at' | 'e.created_at') =>
    sql<string | null>`extract(epoch from ${sql.ref(column)} at time zone ${r.timeZone})`;
  const [items, events, { default: ExcelJS }] = await Promise.all([
    scope.leftJoin('agents as a', 'a.id', 'f.assignee_id')
      .select(['f.seq', wall('f.occurred_at').as('occurred_at'), wall('f.created_at').as('created_at'), 'f.source', 'f.channel', 'f.customer_id', 'f.kind',
        'f.topic', 'f.sentiment', 'f.score', 'f.priority', 'f.state', 'a.name as assignee', 'f.rating', 'f.text', wall('f.response_due_at').as('response_due_at'),
        wall('f.first_response_at').as('first_response_at'),
        sql<string | null>`round(extract(epoch from f.first_response_at - f.created_at) / 60)`.as('response_minutes'),
        wall('f.resolve_due_at').as('resolve_due_at'), wall('f.resolved_at').as('resolved_at'), wall('f.closed_at').as('closed_at'), 'f.resolution'])
      .orderBy('f.occurred_at').orderBy('f.seq').limit(EXPORT_LIMITS.items + 1).execute(),
    db.selectFrom(inFile.as('f')).innerJoin('feedback_events as e', 'e.feedback_id', 'f.id').leftJoin('agents as a', 'a.id', 'e.actor_id')
      .select(['f.seq', wall('e.created_at').as('at'), 'e.type', 'a.name as actor', sql<Record<string, unknown>>`e.data`.as('data')])
      .orderBy('e.created_at').orderBy('e.id').limit(EXPORT_LIMITS.events).execute(),
    import('exceljs'), // loaded on first use, like the chart's libraries
  ]);
  const truncated = items.length > EXPORT_LIMITS.items;
  if (truncated) items.pop();

  const { workbook, finish } = openWorkbook(ExcelJS, r.now);

  const itemSheet = openSheet(workbook, 'items', ITEM_COLUMNS);
  const customers = new Map<string, string>(); // a customer writes many times: mask each id once
  const masked = (id: string) => customers.get(id) ?? customers.set(id, maskText(id)).get(id)!;
  for (const i of items) {
    itemSheet.add([
      shortIdOf(i.seq), excelDay(i.occurred_at), excelDay(i.created_at), i.source, i.channel, masked(i.customer_id), i.kind, i.topic, i.sentiment,
      Number(i.score), i.priority, i.state, i.assignee, i.rating, i.text, excelDay(i.response_due_at), excelDay(i.first_response_at),
      i.response_minutes === null ? null : Number(i.response_minutes), excelDay(i.resolve_due_at), excelDay(i.resolved_at), excelDay(i.closed_at), i.resolution,
    ]);
  }
  itemSheet.close();
  const eventSheet = openSheet(workbook, 'events', EVENT_COLUMNS);
  for (const e of events) eventSheet.add([shortIdOf(e.seq), excelDay(e.at), e.type, e.actor, detailOf(e.data)]);
  eventSheet.close();

  const summary = openSheet(workbook, 'summary', SUMMARY_COLUMNS);
  for (const line of summaryOf(r, items, events.length, truncated)) {
    summary.add([line.what, line.value, line.share ?? null]);
  }
  summary.close();
  return { bytes: await finish(), items: items.length, events: events.length, truncated };
}

/** A small workbook of whole sheets, each with the export's frozen header, filters and cell types. */
export async function writeWorkbook(sheets: SheetSpec[], now: Date): Promise<Buffer> {
  const { workbook, finish } = openWorkbook((await import('exceljs')).default, now);
  for (const spec of sheets) {
    const sheet = openSheet(workbook, spec.name, spec.columns);
    for (const row of spec.rows) sheet.add(row);
    sheet.close();
  }
  return finish();
}

type WorkbookWriter = InstanceType<typeof import('exceljs').stream.xlsx.WorkbookWriter>;

function openWorkbook(ExcelJS: typeof import('exceljs'), now: Date): { workbook: WorkbookWriter; finish(): Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: ZIP_LEVEL } } });
  workbook.created = now;
  workbook.creator = 'feedback-desk';
  return { workbook, finish: async () => { await workbook.commit(); return Buffer.concat(chunks); } };
}

/** A sheet with a bold, frozen header row and a filter on every column; rows are written as added. */
function openSheet(workbook: WorkbookWriter, name: string, columns: Column[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  // One style object per column, shared by all its cells (see the top of this file).
  const styles = columns.map((c) => (c.numFmt ? { numFmt: c.numFmt } : {}));
  return {
    add(values: Cell[]): void {
      const row = sheet.addRow(values.map((v) => (v === null ? undefined : v)));
      for (let k = 0; k < values.length; k++) if (values[k] !== null && values[k] !== undefined) row.getCell(k + 1).style = styles[k];
      row.commit();
    },
    close(): void { sheet.commit(); },
  };
}

/**
 * Seconds of a wall clock (as if it were UTC) as Excel's day number, the value a date cell holds
 * (1970-01-01 is day 25569); the column's date format makes Excel, and exceljs reading it back,
 * show it as a date.
 */
function excelDay(wallSeconds: string | null): number | null {
  return wallSeconds === null ? null : 25_569 + Number(wallSeconds) / 86_400;
}

function summaryOf(r: ExportRequest, items: { kind: string; topic: string; channel: string; sentiment: string }[], events: number, truncated: boolean): SummaryRow[] {
  const total = items.length;
  const share = (n: number) => (total === 0 ? null : n / total);
  const rows: SummaryRow[] = [
    { what: '时间段 Period', value: r.label }, { what: '时区 Time zone', value: r.timeZone },
    ...(r.topic ? [{ what: '主题 Topic', value: r.topic }] : []),
    { what: '反馈 Items', value: total }, { what: '处理记录 Events', value: events },
    ...(truncated ? [{ what: `只含前 ${EXPORT_LIMITS.items} 条 First ${EXPORT_LIMITS.items} only`, value: EXPORT_LIMITS.items }] : []),
  ];
  for (const [label, key] of [['类型 Kind', 'kind'], ['主题 Topic', 'topic'], ['渠道 Channel', 'channel'], ['情感 Sentiment', 'sentiment']] as const) {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i[key], (counts.get(i[key]) ?? 0) + 1);
    for (const [value, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) rows.push({ what: `${label}: ${value}`, value: n, share: share(n) });
  }
  return rows;
}

// Replies, notes and reasons were masked when stored; resolution codes are plain words.
function detailOf(data: Record<string, unknown>): string | null {
  const value = data.text ?? data.reason ?? data.code;
  return typeof value === 'string' && value ? value : null;
}
