// The streamed workbook at a size where rows are committed as they go: it reopens with every
// item and event, the types each column promises (empty cells empty), the header frozen and
// filtered, and customer ids masked.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '../../src/db/open.js';
import { upsertAgent } from '../../src/agents-repo.js';
import { buildExport } from '../../src/exports/workbook.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';

const ITEMS = 1_200;
const START = Date.parse('2026-11-23T00:00:00+08:00'); // a Monday in Shanghai
const MIN = 60_000;

async function reopen(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe.each(databases)('%s: the streamed .xlsx', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { db } = database;
    await upsertAgent(db, { id: 'li-wei', name: 'Li Wei', role: 'agent' });
    await db.insertInto('sources').values({ name: 'bulk' }).execute();
    await db.insertInto('customers').values({ id: '13812345678', name: null, phone_enc: null, email_enc: null }).execute();
    const rows = Array.from({ length: ITEMS }, (_, n) => {
      const at = new Date(START + n * 7 * MIN); // about a week of items, seven minutes apart
      const answered = n % 3 !== 0;
      return {
        id: `s-${n}`, source: 'bulk', external_id: `s-${n}`, customer_id: '13812345678', channel: 'app', text: `第 ${n} 条：快递还没到`,
        text_norm: `第 ${n} 条：快递还没到`, kind: 'complaint', topic: n % 2 ? 'logistics' : 'refund', sentiment: 'negative', score: -0.25,
        priority: 'general', classified_via: 'fixture', state: answered ? 'resolved' : 'new', assignee_id: answered ? 'li-wei' : null,
        rating: n % 10 === 0 ? 4 : null, order_id: null, metadata: '{}', occurred_at: at, created_at: at,
        response_due_at: new Date(at.getTime() + 120 * MIN), resolve_due_at: new Date(at.getTime() + 72 * 60 * MIN),
        first_response_at: answered ? new Date(at.getTime() + 30 * MIN) : null, resolved_at: answered ? new Date(at.getTime() + 90 * MIN) : null,
        closed_at: null, resolution: answered ? 'solved' : null,
      };
    });
    for (let i = 0; i < rows.length; i += 300) await db.insertInto('feedback').values(rows.slice(i, i + 300)).execute();
    const events = rows.filter((r) => r.first_response_at).flatMap((r) => [
      { feedback_id: r.id, type: 'replied', actor_id: 'li-wei', data: JSON.stringify({ text: '已加急，请留意 138****5678 的短信' }), created_at: r.first_response_at! },
      { feedback_id: r.id, type: 'resolved', actor_id: 'li-wei', data: JSON.stringify({ code: 'solved' }), created_at: r.resolved_at! },
    ]);
    for (let i = 0; i < events.length; i += 500) await database.db.insertInto('feedback_events').values(events.slice(i, i + 500)).execute();
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  test('every item and event comes back with its type, the header frozen and filtered', async () => {
    const file = await buildExport(database.db, {
      from: new Date(START), to: new Date(START + 7 * 86_400_000), label: '2026-11-23..2026-11-29', timeZone: 'Asia/Shanghai', now: new Date(START + 8 * 86_400_000),
    });
    expect(file).toMatchObject({ items: ITEMS, events: 1_600, truncated: false });
    const workbook = await reopen(file.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['items', 'events', 'summary']);

    const items = workbook.getWorksheet('items')!;
    expect(items.actualRowCount).toBe(ITEMS + 1);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    }
    const header = (items.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => items.getRow(row).getCell(header.indexOf(name) + 1);
    // Item s-1 (the third row: s-0 is first): 00:07 local on the Monday, answered 30 minutes later.
    expect(cell(3, 'ID').value).toMatch(/^FB-\d+$/);
    expect(cell(3, '发生时间 Occurred').value).toEqual(new Date('2026-11-23T00:07:00Z'));
    expect(cell(3, '发生时间 Occurred').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(cell(3, '情感分 Score').value).toBe(-0.25);
    expect(cell(3, '响应分钟 Response min').value).toBe(30);
    expect(cell(3, '处理人 Assignee').value).toBe('Li Wei');
    expect(cell(3, '客户 Customer').value).toBe('[PHONE]'); // a phone number used as the id is masked
    // s-0 was never answered: those cells are empty, not zero or a 1900 date.
    expect(cell(2, '首次响应 First response').value).toBeNull();
    expect(cell(2, '响应分钟 Response min').value).toBeNull();
    expect(cell(2, '评分 Rating').value).toBe(4);
    // The last row is the week's last item.
    expect(cell(ITEMS + 1, '内容（已脱敏） Text (masked)').value).toBe(`第 ${ITEMS - 1} 条：快递还没到`);

    const events = workbook.getWorksheet('events')!;
    expect(events.actualRowCount).toBe(1_600 + 1);
    expect(events.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(events.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect([events.getRow(2).getCell(3).value, events.getRow(2).getCell(4).value, events.getRow(2).getCell(5).value])
      .toEqual(['replied', 'Li Wei', '已加急，请留意 138****5678 的短信']);

    const summary = workbook.getWorksheet('summary')!;
    const byName = Object.fromEntries(summary.getRows(2, summary.actualRowCount - 1)!.map((r) => [String(r.getCell(1).value), r]));
    expect(byName['反馈 Items']!.getCell(2).value).toBe(ITEMS);
    expect(byName['处理记录 Events']!.getCell(2).value).toBe(1_600);
    expect(byName['主题 Topic: logistics']!.getCell(3).value).toBe(0.5);
    expect(byName['主题 Topic: logistics']!.getCell(3).numFmt).toBe('0.0%');
  });
});
