// README's digest pictures, from the real app: two weeks of made-up items are stored, the daily
// digest job runs at its slot, and the local chat's digests room is photographed with the card
// and its chart (docs/digest-local.png); the chart alone goes to docs/digest-chart.png.
// Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Usage: npx tsx scripts/digest-picture.ts
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';

const DOCS = new URL('../docs/', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];
// Tuesday 2026-12-01, 09:00:30 in Shanghai: the daily digest of Monday 11-30 is due.
const NOW = new Date('2026-12-01T01:00:30Z');

const TEXTS: [string, string, string, string][] = [
  ['complaint', 'logistics', 'negative', '快递三天还没到，电话 138****1234 也打不通'],
  ['complaint', 'logistics', 'negative', 'Parcel stuck at the depot for a week'],
  ['complaint', 'quality', 'negative', '屏幕有划痕，质量太差'],
  ['complaint', 'quality', 'negative', 'The handle broke after two days'],
  ['complaint', 'attitude', 'negative', '客服一直不回复'],
  ['inquiry', 'refund', 'neutral', '退款什么时候到账？'],
  ['inquiry', 'account', 'neutral', '收不到验证码'],
  ['suggestion', 'product_function', 'neutral', '希望增加夜间模式'],
  ['praise', 'other', 'positive', '师傅很专业，点赞'],
];
const CHANNELS = ['chat', 'email', 'app_review', 'ecommerce', 'survey'];
const AGENTS = ['li-wei', 'wang-fang', 'zhang-min'];

let seed = 7;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const dataDir = await mkdtemp(join(tmpdir(), 'fd-digest-pic-'));
const clock = { now: () => new Date(NOW) };
const app = await buildApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', DIGEST_TIME_ZONE: 'Asia/Shanghai', DIGEST_WEEKLY_CRON: 'off' }),
  { logger: pino({ level: 'silent' }), startWorker: true, clock });
await seedDemo(app.deps);
const { db } = app.deps;
await db.insertInto('sources').values({ name: 'picture' }).onConflict((oc) => oc.doNothing()).execute();
await db.insertInto('customers').values({ id: 'c-picture', name: null, phone_enc: null, email_enc: null }).onConflict((oc) => oc.doNothing()).execute();
const rows = [];
for (let day = 13; day >= 0; day--) {
  const count = 18 + Math.round(random() * 14) + (day === 0 ? 10 : 0);
  for (let n = 0; n < count; n++) {
    const [kind, topic, sentiment, text] = TEXTS[Math.floor(random() * (day < 4 ? TEXTS.length : TEXTS.length + 3)) % TEXTS.length]!;
    const at = new Date(Date.UTC(2026, 10, 30 - day, -8) + random() * 86_400_000);
    const responded = random() < 0.85 ? new Date(at.getTime() + (10 + random() * 200) * 60_000) : null;
    const resolved = responded && random() < 0.6 ? new Date(responded.getTime() + random() * 600 * 60_000) : null;
    rows.push({
      id: `pic-${day}-${n}`, source: 'picture', external_id: `pic-${day}-${n}`, customer_id: 'c-picture', channel: CHANNELS[Math.floor(random() * CHANNELS.length)]!,
      text, text_norm: text.toLowerCase(), kind, topic, sentiment, score: sentiment === 'negative' ? -0.5 - random() / 2 : 0.2, priority: 'general',
      classified_via: 'picture', state: resolved ? 'resolved' : responded ? 'claimed' : 'new', assignee_id: responded ? AGENTS[n % 3]! : null,
      rating: text.includes('点赞') ? 5 : null, order_id: null, metadata: '{}', occurred_at: at, created_at: at,
      response_due_at: new Date(at.getTime() + 120 * 60_000), resolve_due_at: new Date(at.getTime() + 72 * 3_600_000),
      first_response_at: responded, resolved_at: resolved, closed_at: null, resolution: null, carded: true,
    });
  }
}
await db.insertInto('feedback').values(rows).execute();
await app.deps.jobs.runDue();
await app.outbox.drain();
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 1500 }, deviceScaleFactor: 1 })).newPage();
  await page.goto(url);
  await page.locator('#messages[data-loaded="true"]').waitFor();
  await page.locator('button[data-room="digests"]').click();
  const card = page.locator('#messages article.card').last();
  await card.waitFor();
  await card.locator('img.card-image').evaluate((img: HTMLImageElement) => img.decode());
  await card.screenshot({ path: join(DOCS, 'digest-local.png') });
  const digest = await db.selectFrom('digests').select('chart').executeTakeFirstOrThrow();
  await writeFile(join(DOCS, 'digest-chart.png'), digest.chart);
  console.log(`wrote ${join(DOCS, 'digest-local.png')} and ${join(DOCS, 'digest-chart.png')}`);
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
