// /fb export: an .xlsx that reopens with typed cells, frozen headers and filters, masked texts;
// a signed link that works for 24 hours and refuses any change; the file itself in Slack.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { runCommand } from '../../commands/run-command.js';
import { databases } from '../helpers/test-database.js';
import { buildSlackApp } from '../slack/slack-app.js';
import type { FakeSlack } from '../slack/fake-slack.js';
import { seedDigestFixture } from '../digests/fixture.js';

const agent = { id: 'li-wei', name: 'Li Wei', role: 'agent' as const };

class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
}

function linkOf(answer: Awaited<ReturnType<typeof runCommand>>): string {
  if (answer.kind !== 'card') throw new Error(`expected a card, got: ${answer.text}`);
  const text = answer.card.body.map((n) => ('text' in n ? n.text : '')).join('\n');
  return new URL(/(http\S+)/.exec(text)![1]).pathname + new URL(/(http\S+)/.exec(text)![1]).search;
}

async function workbookOf(app: App, path: string) {
  const res = await app.inject({ method: 'GET', url: path });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

describe.each(databases)('%s: /fb export', (kind) => {
  let app: App;
  let fake: FakeSlack;
  const clock = new TestClock(new Date('2026-12-01T05:00:00Z'));
  beforeAll(async () => {
    ({ app, fake } = await buildSlackApp(kind, { clock, env: { DIGEST_TIME_ZONE: 'Asia/Shanghai' } }));
    await seedDigestFixture(app.deps.db);
  }, 60_000);
  afterAll(async () => { await app?.close(); });

  test('the workbook holds items, events and a summary with typed cells, a frozen header and filters', async () => {
    const answer = await runCommand(app.deps, agent, '/fb export 2026-11-29..2026-11-30');
    expect(answer.kind).toBe('card');
    const shownText = JSON.stringify(answer);
    expect(shownText).toContain('8 条反馈、12 条处理记录');
    const workbook = await workbookOf(app, linkOf(answer));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['items', 'events', 'summary']);

    const items = workbook.getWorksheet('items')!;
    expect(items.rowCount).toBe(9); // header + G, H, E, F, A, B, C, D (by when they occurred)
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.autoFilter).toBeTruthy();
    const header = (items.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['ID', '发生时间 Occurred', '接收时间 Received']);
    const column = (name: string) => header.indexOf(name) + 1;
    const rowOfText = (text: string) => items.getRows(2, 8)!.find((r) => r.getCell(column('内容（已脱敏） Text (masked)')).value === text)!;
    const a = rowOfText('快递三天没到，打 138****5678 也没人接');
    // A occurred at 10:00 in Shanghai: the cell is an Excel date showing that wall-clock time.
    expect(a.getCell(column('发生时间 Occurred')).value).toEqual(new Date('2026-11-30T10:00:00Z'));
    expect(a.getCell(column('发生时间 Occurred')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(a.getCell(column('情感分 Score')).value).toBeCloseTo(-0.9, 5);
    expect(a.getCell(column('响应分钟 Response min')).value).toBe(20);
    expect(a.getCell(column('处理人 Assignee')).value).toBe('Li Wei');
    expect(a.getCell(column('首次响应 First response')).value).toEqual(new Date('2026-11-30T10:20:00Z'));
    expect(a.getCell(column('解决时间 Resolved')).value).toEqual(new Date('2026-11-30T14:00:00Z'));
    const e = rowOfText('师傅很专业，点赞');
    expect(e.getCell(column('评分 Rating')).value).toBe(5);
    expect(e.getCell(column('首次响应 First response')).value).toBeNull();
    // K (00:10 on 12-01 local) and I (11-28) are outside the period.
    expect(items.getRows(2, 8)!.map((r) => r.getCell(column('内容（已脱敏） Text (masked)')).value)).not.toContain('Do you ship to Macau?');

    const events = workbook.getWorksheet('events')!;
    expect(events.rowCount).toBe(13);
    const first = events.getRow(2);
    expect(first.getCell(2).value).toEqual(new Date('2026-11-29T09:10:00Z'));
    expect([first.getCell(3).value, first.getCell(4).value]).toEqual(['claimed', 'Li Wei']);

    const summary = workbook.getWorksheet('summary')!;
    const byName = Object.fromEntries(summary.getRows(2, summary.rowCount - 1)!.map((r) => [String(r.getCell(1).value), r]));
    expect(byName['时间段 Period']!.getCell(2).value).toBe('2026-11-29..2026-11-30');
    expect(byName['反馈 Items']!.getCell(2).value).toBe(8);
    expect(byName['类型 Kind: complaint']!.getCell(2).value).toBe(4);
    expect(byName['类型 Kind: complaint']!.getCell(3).value).toBeCloseTo(0.5, 5);
  });

  test('topic=… narrows the rows; an unknown topic or period gets a readable answer', async () => {
    const answer = await runCommand(app.deps, agent, 'export 2026-11-29..2026-11-30 topic=logistics');
    const items = (await workbookOf(app, linkOf(answer))).getWorksheet('items')!;
    expect(items.rowCount).toBe(4);
    expect(await runCommand(app.deps, agent, 'export 7d topic=weather')).toEqual({ kind: 'text', text: expect.stringContaining('There is no topic "weather"') });
    expect(await runCommand(app.deps, agent, 'export lastyear')).toEqual({ kind: 'text', text: expect.stringContaining('Usage: /fb export 7d|30d|FROM..TO') });
    expect(await runCommand(app.deps, agent, 'export 2026-11-30..2026-11-01')).toEqual({ kind: 'text', text: expect.stringContaining('starts after it ends') });
  });

  test('the link refuses any change (403) and expires after 24 hours (410), with a zh/en page', async () => {
    const path = linkOf(await runCommand(app.deps, agent, 'export 7d'));
    const url = new URL(path, 'http://x');
    const sig = url.searchParams.get('sig')!;
    const changes = [
      path.replace(/sig=[^&]+/, `sig=${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`),
      path.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 86_400}`),
      path.replace(/\/files\/exports\/[^/]+\//, '/files/exports/someone-elses-id/'),
      path.replace(/&sig=[^&]+/, ''),
    ];
    for (const changed of changes) {
      const res = await app.inject({ method: 'GET', url: changed });
      expect(res.statusCode, changed).toBe(403);
      expect(res.body).toContain('此链接无效');
      expect(res.body).toContain('This link is not valid');
    }
    clock.current = new Date('2026-12-02T04:59:00Z');
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    clock.current = new Date('2026-12-02T05:00:01Z');
    const late = await app.inject({ method: 'GET', url: path });
    expect(late.statusCode).toBe(410);
    expect(late.headers['content-type']).toContain('text/html');
    expect(late.body).toContain('此链接已过期');
    clock.current = new Date('2026-12-01T05:00:00Z');
  });

  test('typed in Slack, the file itself is uploaded to that channel as well', async () => {
    const answer = await runCommand(app.deps, agent, 'export 30d', { chat: { platform: 'slack', chatId: 'C_FEEDBACK' } });
    expect(JSON.stringify(answer)).toContain('文件随后发到本群');
    await app.outbox.drain();
    const upload = fake.callsOf('files.getUploadURLExternal').at(-1)!;
    expect(upload.args.filename).toBe('feedback-2026-11-02_to_2026-12-01.xlsx');
    expect(fake.callsOf('files.completeUploadExternal').at(-1)!.args.channel_id).toBe('C_FEEDBACK');
    const bytes = fake.hooks.filter((h) => h.path.startsWith('/upload/')).at(-1)!.body as string;
    expect(bytes.startsWith('PK')).toBe(true); // an .xlsx is a zip
  });
});
