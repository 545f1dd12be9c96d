// README's screenshots of the local web chat, taken from the real app with the demo seeded:
// docs/screenshot-desktop.png (1280x800) and docs/screenshot-phone.png (390x844, after a
// command). Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Usage: npm run screenshots
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';

const DOCS = new URL('../docs/', import.meta.url).pathname;
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
  console.log(`wrote ${join(DOCS, 'screenshot-desktop.png')} and ${join(DOCS, 'screenshot-phone.png')}`);
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
