// README's screenshots of the local web chat, taken from the real app with the demo seeded:
// docs/screenshot-desktop.png (1280x800), docs/screenshot-phone.png (390x844, after a
// command) and docs/screenshot-picture.png (an item sent in with a photo). Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Usage: npm run screenshots
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { signIntakeBody } from '../src/intake/signature.js';
import { svgToPng } from '../src/charts/trend-chart.js';

const DOCS = new URL('../docs/', import.meta.url).pathname;
const PHOTO_TEXT = '快递到了，外箱被压扁，里面的杯子碎了两个，照片在附件里';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];

const dataDir = await mkdtemp(join(tmpdir(), 'fd-screens-'));
const app = await buildApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }), startWorker: true });
await seedDemo(app.deps);
await app.outbox.drain();
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function open(viewport: { width: number; height: number }, actor: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
  await page.goto(url);
  await page.locator('#actor-select').selectOption(actor);
  await page.locator('#stream-status[data-state="open"]').waitFor();
  await page.locator('#messages[data-loaded="true"]').waitFor();
  return page;
}

try {
  const desktop = await open({ width: 1280, height: 800 }, 'li-wei');
  await desktop.screenshot({ path: join(DOCS, 'screenshot-desktop.png') });

  const phone = await open({ width: 390, height: 844 }, 'wang-fang');
  await phone.locator('#command-input').fill('/fb queue 3');
  await phone.locator('#command-input').press('Enter');
  await phone.locator('#messages > li.msg-bot-reply article.card').waitFor();
  await phone.screenshot({ path: join(DOCS, 'screenshot-phone.png') });
  await sendItemWithPhoto();
  const pictured = await open({ width: 1280, height: 1000 }, 'li-wei');
  const card = pictured.locator('article.card', { hasText: PHOTO_TEXT }).last();
  await card.locator('img.card-image').evaluate((img: HTMLImageElement) => img.decode());
  // Clear of the command box fixed at the bottom of the page.
  await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await card.screenshot({ path: join(DOCS, 'screenshot-picture.png') });
  console.log(`wrote ${['screenshot-desktop.png', 'screenshot-phone.png', 'screenshot-picture.png'].map((f) => join(DOCS, f)).join(', ')}`);
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}

/** An item sent in through signed intake with a photo: a parcel drawn as an SVG and rasterised like the digest chart. */
async function sendItemWithPhoto(): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <rect width="480" height="320" fill="#dfe7ef"/><rect y="230" width="480" height="90" fill="#b9c4cf"/>
    <polygon points="110,120 300,95 380,140 190,170" fill="#d9a25f"/>
    <polygon points="110,120 190,170 200,285 115,250" fill="#b57a3c"/>
    <polygon points="190,170 380,140 370,255 200,285" fill="#c98d4b"/>
    <polyline points="230,165 250,205 238,230 262,270" fill="none" stroke="#5b3a1a" stroke-width="5"/>
    <rect x="255" y="180" width="70" height="40" fill="#f4f1ea" transform="rotate(-8 290 200)"/>
    <line x1="265" y1="192" x2="315" y2="186" stroke="#8a8a8a" stroke-width="3"/><line x1="265" y1="204" x2="305" y2="199" stroke="#8a8a8a" stroke-width="3"/>
  </svg>`;
  const photo = await svgToPng(svg, []);
  const body = JSON.stringify({
    text: PHOTO_TEXT, customer: { id: 'demo-photo', name: '赵女士' }, channel: 'app', external_id: 'screenshot-photo',
    attachments: [{ name: 'parcel.png', content_type: 'image/png', data_base64: photo.toString('base64') }],
  });
  const res = await app.inject({ method: 'POST', url: '/intake/app', payload: body,
    headers: { 'content-type': 'application/json', ...signIntakeBody(body, app.deps.intakeSecret, new Date()) } });
  if (res.statusCode >= 300) throw new Error(`intake answered ${res.statusCode}: ${res.body}`);
  await app.outbox.drain();
}
