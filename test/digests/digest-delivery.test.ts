// Scheduled digests reach every digests room once, on every platform switched on, even with two
// instances running the schedule; the local chat shows the chart from a signed link, Slack gets
// it as an uploaded picture. The weekly one brings the week's workbook: a file in Slack, a link
// in the local chat. /fb report gives the same digest on demand.
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ensureChannel } from '../../src/channels-repo.js';
import { runCommand } from '../../commands/run-command.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { messagesIn } from '../helpers/test-app.js';
import { buildSlackApp, shown } from '../slack/slack-app.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { seedDigestFixture } from './fixture.js';
import type { OpenDatabase } from '../../src/db/open.js';

function daily(messages: Awaited<ReturnType<typeof messagesIn>>): string {
  return shown(messages.find((m) => m.card?.title.startsWith('日报'))!.card!.body);
}

class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
}

describe.each(databases)('%s: digests on schedule', (kind) => {
  let database: OpenDatabase;
  let apps: App[];
  let fake: FakeSlack;
  // Tuesday 2026-12-01, 09:00:20 in Shanghai: the daily slot has just come; the weekly (Monday) one was missed.
  const clock = new TestClock(new Date('2026-12-01T01:00:20Z'));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    fake = await startFakeSlack();
    const env = { DIGEST_TIME_ZONE: 'Asia/Shanghai' };
    apps = [];
    for (let n = 0; n < 2; n++) apps.push((await buildSlackApp(kind, { fake, clock, env, database })).app);
    await seedDigestFixture(apps[0].deps.db);
    await ensureChannel(apps[0].deps.db, { platform: 'slack', chatId: 'C_DIGESTS', purpose: 'digests', name: 'digests', filters: {}, readOnly: true });
    // A digests room on a platform that is not switched on is left alone.
    await ensureChannel(apps[0].deps.db, { platform: 'feishu', chatId: 'oc_off', purpose: 'digests', name: 'off', filters: {}, readOnly: true });
  }, 120_000);
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await fake?.close();
    await database?.close();
  });

  test('two instances at the slot: each room gets each digest once, the chart with it', async () => {
    // Only the digest jobs: the app's other jobs (the deadline sweep) would ping about the fixture's late items.
    const digestJobs = ['digest.daily', 'digest.weekly'];
    expect(digestJobs.every((name) => apps[0].deps.jobs.names.includes(name))).toBe(true);
    const runs = await Promise.all(apps.flatMap((app) => digestJobs.map((name) => app.deps.jobs.runJob(name))));
    const digestRuns = runs.filter((r) => r !== null);
    expect(digestRuns.map((r) => r.job).sort()).toEqual(digestJobs);
    expect(digestRuns.every((r) => r.outcome === 'ok')).toBe(true);
    // A later look in the same day finds nothing due.
    clock.current = new Date('2026-12-01T05:00:00Z');
    for (const name of digestJobs) expect(await apps[1].deps.jobs.runJob(name)).toBeNull();
    for (const app of apps) await app.outbox.drain();

    const local = (await messagesIn(apps[0], 'digests')).filter((m) => m.kind === 'card');
    expect(local.map((m) => m.card!.title).sort()).toEqual(['周报 2026-11-23 至 2026-11-29 / Weekly digest 2026-11-23 to 2026-11-29', '日报 2026-11-30 / Daily digest 2026-11-30']);
    const daily = local.find((m) => m.card!.title.startsWith('日报'))!.card!;
    expect(shown(daily.body)).toContain('6 (较上期 +200% / +200% vs previous)');
    const image = daily.body.find((n: { type: string }) => n.type === 'image') as { url: string; alt: string };
    expect(image.url).toMatch(/^\/files\/digests\/daily-2026-11-30-Asia_Shanghai\/chart\.png\?expires=\d+&sig=/);
    const chart = await apps[1].inject({ method: 'GET', url: image.url });
    expect(chart.statusCode).toBe(200);
    expect(chart.headers['content-type']).toBe('image/png');
    expect([PNG.sync.read(chart.rawPayload).width, PNG.sync.read(chart.rawPayload).height]).toEqual([800, 400]);

    const posts = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_DIGESTS');
    // The first line is the title, marked 🟠 by Slack's renderer: half the first responses were late.
    expect(posts.map((c) => c.args.text.split('\n')[0]).sort()).toEqual(['🟠 周报 2026-11-23 至 2026-11-29 / Weekly digest 2026-11-23 to 2026-11-29', '🟠 日报 2026-11-30 / Daily digest 2026-11-30']);
    const dailyPost = posts.find((c) => c.args.text.includes('日报'))!;
    expect(shown(dailyPost.args.blocks)).toContain('快递三天没到，打 138****5678 也没人接');
    // Two charts and the weekly digest's workbook.
    const uploads = fake.callsOf('files.completeUploadExternal');
    expect(uploads.map((c) => c.args.channel_id)).toEqual(['C_DIGESTS', 'C_DIGESTS', 'C_DIGESTS']);
    expect(fake.hooks.filter((h) => h.path.startsWith('/upload/'))).toHaveLength(3);
    expect(fake.callsOf('files.getUploadURLExternal').map((c) => c.args.filename).filter((f: string) => f.endsWith('.xlsx')))
      .toEqual(['feedback-weekly-2026-11-23_to_2026-11-29.xlsx']);
    expect(await apps[0].deps.db.selectFrom('outbox').select('id').where('platform', '=', 'feishu').execute()).toEqual([]);
  });

  test("the weekly digest's workbook holds the report as typed tables and names the command for every row; the local chat links to it", async () => {
    // The local chat takes no files: its weekly card links to the same workbook, served by the bot.
    const weekly = (await messagesIn(apps[0], 'digests')).find((m) => m.card?.title.startsWith('周报'))!.card!;
    const link = /(\/files\/exports\/\S+)/.exec(shown(weekly.body))![1];
    expect(shown(weekly.body)).toContain("本周报表（.xlsx，30 天内有效） / The week's report as a workbook (.xlsx, valid for 30 days)");
    expect((daily(await messagesIn(apps[0], 'digests')))).not.toContain('/files/exports/');
    const res = await apps[1].inject({ method: 'GET', url: link });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // Slack was sent the very same file.
    const upload = fake.callsOf('files.getUploadURLExternal').findIndex((c) => String(c.args.filename).endsWith('.xlsx'));
    expect(fake.hooks.filter((h) => h.path.startsWith('/upload/'))[upload]!.raw.includes(res.rawPayload)).toBe(true);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['summary', 'volumes', 'deadlines', 'agents', 'negative topics', 'trend']);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      return sheet.getRows(2, sheet.actualRowCount - 1)!.map((r) => (r.values as unknown[]).slice(1));
    };
    const summary = rows('summary');
    expect(summary).toContainEqual(['周报 2026-11-23 至 2026-11-29 / Weekly digest 2026-11-23 to 2026-11-29']);
    expect(summary).toContainEqual(['反馈总量 / Items', expect.stringMatching(/^3 \(/)]);
    // Each half in its own language (a bilingual topic name inside both halves would garble them).
    expect(summary).toContainEqual(['物流：2 条负面 / Logistics: 2 negative', expect.stringContaining('包裹被放错了地方')]);
    expect(summary.at(-1)).toEqual(['逐条明细 Every item of the period', '/fb export 2026-11-23..2026-11-29']);
    // G, H and I occurred in the week of 11-23: counts are numbers, changes are shares.
    const volumes = rows('volumes');
    expect(volumes[0]!.slice(0, 3)).toEqual(['总量 Total', undefined, 3]);
    expect(volumes.find((r) => r[0] === '主题 Topic' && String(r[1]).includes('Logistics'))![2]).toBe(2);
    for (const r of rows('deadlines')) expect(typeof r[1]).toBe('number');
    expect(rows('negative topics')[0]!.slice(0, 2)).toEqual(['物流 / Logistics', 2]);
    const trend = rows('trend');
    expect(trend).toHaveLength(8);
    expect(trend.at(-1)!.slice(0, 2)).toEqual(['11-23', 3]);
  });

  test('a changed or expired chart link is refused with a readable page', async () => {
    const daily = (await messagesIn(apps[0], 'digests')).find((m) => m.card?.title.startsWith('日报'))!.card!;
    const url = (daily.body.find((n: { type: string }) => n.type === 'image') as { url: string }).url;
    const tampered = await apps[0].inject({ method: 'GET', url: url.replace('daily-2026-11-30', 'weekly-2026-11-23') });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.body).toContain('此链接无效');
    expect(tampered.body).toContain('This link is not valid');
    clock.current = new Date('2027-06-01T00:00:00Z');
    const late = await apps[0].inject({ method: 'GET', url });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('expired');
    clock.current = new Date('2026-12-01T05:00:00Z');
  });

  test('/fb report weekly with a date: the same digest on demand, posted where it was asked for', async () => {
    const agent = { id: 'li-wei', name: 'Li Wei', role: 'agent' as const };
    const answer = await runCommand(apps[0].deps, agent, '/fb report weekly 2026-11-25', { chat: { platform: 'slack', chatId: 'C_FEEDBACK' } });
    expect(answer).toEqual({ kind: 'text', text: '2026-11-23 起的周报已生成，卡片、趋势图和报表（.xlsx）马上发到本群 / The weekly digest from 2026-11-23 is ready; the card, chart and workbook (.xlsx) follow in this chat' });
    await apps[0].outbox.drain();
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_FEEDBACK' && c.args.text.includes('周报'))).toHaveLength(1);
    expect(fake.callsOf('files.completeUploadExternal').filter((c) => c.args.channel_id === 'C_FEEDBACK')).toHaveLength(2);
  });

  test('/fb report without a chat answers with the card and its chart link; bad words get the usage', async () => {
    const agent = { id: 'li-wei', name: 'Li Wei', role: 'agent' as const };
    const answer = await runCommand(apps[0].deps, agent, 'report daily 2026-11-30');
    expect(answer.kind).toBe('card');
    const card = (answer as { card: { title: string; body: { type: string; url?: string }[] } }).card;
    expect(card.title).toBe('日报 2026-11-30 / Daily digest 2026-11-30');
    expect(card.body.find((n) => n.type === 'image')?.url).toMatch(/^http:\/\/127\.0\.0\.1:0\/files\/digests\//);
    expect(await runCommand(apps[0].deps, agent, 'report monthly')).toEqual({ kind: 'text', text: expect.stringContaining('Usage: /fb report daily|weekly') });
    expect(await runCommand(apps[0].deps, agent, 'report daily 2026-02-30')).toEqual({ kind: 'text', text: expect.stringContaining('"2026-02-30" is not a date') });
    expect(await runCommand(apps[0].deps, agent, 'report daily 2027-01-01')).toEqual({ kind: 'text', text: expect.stringContaining('2027-01-01 has not begun') });
  });
});
