// The local web chat in a real browser against the real app: two windows as two agents, a card
// arriving live, claimed, refused, replied to and closed in place, and the command box.
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { buildTestApp, messagesIn, signedIntake } from '../helpers/test-app.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The product promise: a new card shows in every open window within a second. */
const LIVE_MS = 1_000;
/** Anything else the page waits on (a click's round trip and the in-place update). */
const STEP_MS = 5_000;

/** A browser window signed in as one agent, recording anything a person should never see. */
interface Window { page: Page; context: BrowserContext; dialogs: string[]; errors: string[] }

let app: App;
let browser: Browser;
let baseUrl: string;
const windows: Window[] = [];

async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    // Fail, never skip: a suite that silently skips is a suite that silently stops testing the page.
    throw new Error(
      `Cannot launch Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or point CHROMIUM_PATH at a Chromium binary.\n${String(error)}`,
    );
  }
}

async function openWindow(actor: string, viewport = { width: 1280, height: 800 }): Promise<Window> {
  // One context per window: separate localStorage, like two people on two machines.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const window: Window = { page, context, dialogs: [], errors: [] };
  page.on('dialog', (dialog) => { window.dialogs.push(dialog.message()); void dialog.dismiss(); });
  page.on('pageerror', (error) => window.errors.push(error.message));
  await page.goto(baseUrl);
  await page.locator('#actor-select').selectOption(actor);
  await page.locator('#stream-status[data-state="open"]').waitFor({ timeout: STEP_MS });
  await page.locator('#messages[data-loaded="true"]').waitFor({ timeout: STEP_MS });
  windows.push(window);
  return window;
}

async function postFeedback(draft: Record<string, unknown>): Promise<{ id: string; short_id: string }> {
  const { payload, headers } = signedIntake(draft);
  const res = await fetch(`${baseUrl}/intake/web`, { method: 'POST', body: payload, headers });
  expect(res.status).toBe(202);
  return (await res.json()) as { id: string; short_id: string };
}

/** The room message (li) that holds the item's card. */
function messageOf(page: Page, itemId: string): Locator {
  return page.locator(`#messages > li[data-message-id]:has(> article.card[data-item-id="${itemId}"])`);
}

async function fieldValue(message: Locator, labelEn: string): Promise<string> {
  const text = await message.locator('.card-fields .field', { hasText: labelEn }).locator('dd').textContent();
  return (text ?? '').trim();
}

/** Waits until a card field shows `expected` (cards update in place a moment after the click). */
async function waitForField(message: Locator, labelEn: string, expected: string): Promise<void> {
  await message.locator('.card-fields .field', { hasText: labelEn }).locator('dd', { hasText: expected }).waitFor({ timeout: STEP_MS });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = STEP_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  app = await buildTestApp('pglite', { startWorker: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('local web chat in a browser', () => {
  test('two agents work one card live: claim, refusal, reply, supervisor close, command', async () => {
    const a = await openWindow('li-wei');
    const b = await openWindow('wang-fang');
    for (const w of [a, b]) {
      expect(await w.page.locator('header').textContent()).toContain('反馈台 Feedback Desk');
      expect(await w.page.locator('[data-room="feedback"]').getAttribute('aria-current')).toBe('true');
    }

    // Customer text is shown as text: markup stays literal and line breaks stay line breaks.
    const text = '快递三天没更新物流了，到底还送不送？\n<img src=x onerror="window.__pwned=1">第二行';
    const { id, short_id } = await postFeedback({ text, customer: { id: 'c-9001', name: '陈先生' }, channel: 'chat', external_id: 'browser-1' });
    await Promise.all([a, b].map((w) => messageOf(w.page, id).waitFor({ timeout: LIVE_MS })));

    const cardA = messageOf(a.page, id);
    const cardB = messageOf(b.page, id);
    const messageId = await cardA.getAttribute('data-message-id');
    expect(messageId).toMatch(/^\d+$/);
    expect(await cardA.getAttribute('id')).toBe(`msg-${messageId}`);
    expect(await cardA.locator('.card-title').textContent()).toContain(short_id);
    const shown = cardA.locator('.card-text', { hasText: '第二行' });
    expect(await shown.textContent()).toBe(text);
    expect(await shown.evaluate((node) => getComputedStyle(node).whiteSpace)).toBe('pre-wrap');
    expect(await cardA.locator('.card-text img').count()).toBe(0);
    expect(await a.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await fieldValue(cardB, 'Assignee')).toContain('unassigned');

    // Wang Fang clicks Claim a moment before Li Wei, but her request is held on the way, so Li
    // Wei's click lands first: the race the server must settle with one winner and a clear refusal.
    let releaseB!: () => void;
    const heldB = new Promise<void>((resolve) => { releaseB = resolve; });
    await b.page.route('**/local/api/actions', async (route) => { await heldB; await route.continue(); });
    await cardB.locator('[data-action="claim"]').click();
    await cardB.locator('article.card[aria-busy="true"]').waitFor({ timeout: STEP_MS });
    expect(await cardB.locator('button[data-action]').evaluateAll((buttons) => buttons.every((x) => (x as HTMLButtonElement).disabled))).toBe(true);

    await cardA.locator('[data-action="claim"]').click();
    await Promise.all([cardA, cardB].map((card) => waitForField(card, 'Assignee', 'Li Wei')));
    for (const card of [cardA, cardB]) {
      expect(await fieldValue(card, 'Status')).toContain('Claimed');
      // Updated in place: the same element id, still one message in the room, no claim button left.
      expect(await card.getAttribute('id')).toBe(`msg-${messageId}`);
      expect(await card.locator('[data-action="claim"]').count()).toBe(0);
    }
    expect(await a.page.locator('#messages > li[data-message-id]').count()).toBe(1);
    expect(await b.page.locator('#messages > li[data-message-id]').count()).toBe(1);

    releaseB();
    const refusal = cardB.locator('.card-error[role="alert"]');
    await refusal.waitFor({ state: 'visible', timeout: STEP_MS });
    expect(await refusal.textContent()).toContain('already claimed by Li Wei');
    expect(await refusal.textContent()).toContain('已被 Li Wei 认领');
    await cardB.locator('article.card[aria-busy="false"]').waitFor({ timeout: STEP_MS });
    await b.page.unroute('**/local/api/actions');

    // Li Wei replies through the inline form; an empty reply is stopped in the page.
    await cardA.locator('[data-action="reply"]').click();
    const form = cardA.locator('form.action-form[data-form-action="reply"]');
    await form.waitFor({ timeout: STEP_MS });
    expect(await form.locator('.required').count()).toBe(1);
    await form.locator('[data-form-submit]').click();
    expect(await cardA.locator('.card-error[role="alert"]').textContent()).toContain('Please fill in');
    const before = await cardB.getAttribute('data-updated-at');
    await form.locator('textarea[name="text"]').fill('您好，已催促快递，今天送达。\nHello, the courier will deliver today.');
    await form.locator('[data-form-submit]').click();
    await form.waitFor({ state: 'detached', timeout: STEP_MS });
    await b.page.waitForFunction(
      ([selector, old]) => document.querySelector(selector)?.getAttribute('data-updated-at') !== old,
      [`#msg-${messageId}`, before] as const, { timeout: STEP_MS },
    );
    expect(await cardA.locator('.card-error').isVisible()).toBe(false);

    // The second window becomes the supervisor; the choice is remembered across a reload.
    await b.page.locator('#actor-select').selectOption('zhang-min');
    await b.page.reload();
    await b.page.locator('#messages[data-loaded="true"]').waitFor({ timeout: STEP_MS });
    expect(await b.page.locator('#actor-select').inputValue()).toBe('zhang-min');
    expect(await b.page.locator('#actor-select option:checked').textContent()).toContain('Supervisor');

    await cardB.locator('[data-action="close"]').click();
    const closeForm = cardB.locator('form.action-form[data-form-action="close"]');
    await closeForm.locator('select[name="code"]').selectOption('solved');
    await closeForm.locator('[data-form-submit]').click();
    await Promise.all([cardA, cardB].map((card) => waitForField(card, 'Status', 'Closed')));
    expect(await fieldValue(cardA, 'Resolution')).toContain('Solved');
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created', 'claimed', 'replied', 'closed']);

    // A command typed in the box answers with a card, as a bot reply in the room.
    await a.page.locator('#command-input').fill('/fb stats today');
    await a.page.locator('#command-input').press('Enter');
    const reply = a.page.locator('#messages > li.msg-bot-reply').last();
    await reply.locator('article.card').waitFor({ timeout: STEP_MS });
    expect(await reply.locator('.card-title').textContent()).not.toBe('');
    expect(await reply.locator('button[data-action]').count()).toBe(0);

    const dir = await mkdtemp(join(tmpdir(), 'fd-browser-'));
    await a.page.screenshot({ path: join(dir, 'local-chat.png') });
    console.info(`screenshot: ${join(dir, 'local-chat.png')}`);

    for (const w of [a, b]) {
      expect(w.dialogs).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  });

  test('a room not in view counts unread cards; a narrow window still shows and works', async () => {
    const w = await openWindow('li-wei', { width: 390, height: 760 });
    await w.page.locator('#rooms-toggle').click();
    await w.page.locator('[data-room="escalations"]').click();
    await w.page.locator('#room-title', { hasText: 'Escalations' }).waitFor({ timeout: STEP_MS });

    const { id } = await postFeedback({ text: 'The kettle stopped working after two days.', customer: { id: 'c-9002' }, channel: 'email' });
    // On a phone the rooms sit in a menu: its button shows the unread total, the menu each room's count.
    const total = w.page.locator('#rooms-toggle .unread');
    await total.waitFor({ timeout: STEP_MS });
    expect(await total.getAttribute('data-unread')).toBe('1');
    await w.page.locator('#rooms-toggle').click();
    const badge = w.page.locator('[data-room="feedback"] .unread');
    await badge.waitFor({ timeout: STEP_MS });
    expect(await badge.getAttribute('data-unread')).toBe('1');

    await w.page.locator('[data-room="feedback"]').click();
    const card = messageOf(w.page, id);
    await card.waitFor({ timeout: STEP_MS });
    expect(await badge.count()).toBe(0);
    expect(await card.isVisible()).toBe(true);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await card.locator('[data-action="claim"]').click();
    await waitForField(card, 'Assignee', 'Li Wei');
    expect(w.errors).toEqual([]);
  });

  test('a window that lost the live stream catches up when it reconnects', async () => {
    const w = await openWindow('wang-fang');
    // Hold the next stream request, then cut every connection: the page is offline until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await w.page.route('**/local/api/stream', async (route) => { await held; await route.continue(); });
    app.server.closeAllConnections();
    await w.page.locator('#stream-status:not([data-state="open"])').waitFor({ timeout: STEP_MS });

    const { id } = await postFeedback({ text: '退货寄回一周了，钱还没退。', customer: { id: 'c-9003' }, channel: 'chat' });
    // Delivered to the room while the window was away, so only a re-fetch can show it.
    await waitUntil(async () => (await messagesIn(app, 'feedback')).some((m) => JSON.stringify(m.card ?? {}).includes(id)));
    expect(await messageOf(w.page, id).count()).toBe(0);

    release();
    await w.page.locator('#stream-status[data-state="open"]').waitFor({ timeout: STEP_MS });
    await messageOf(w.page, id).waitFor({ timeout: STEP_MS });
    await w.page.unroute('**/local/api/stream');
    expect(w.errors).toEqual([]);
  });
});

/** The part of `locator` that lies inside the browser window, as a fraction of its height (1 = all of it). */
async function shownFraction(page: Page, locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  if (!box || box.height === 0) return 0;
  return Math.max(0, Math.min(box.y + box.height, height) - Math.max(box.y, 0)) / box.height;
}

describe.each([
  { screen: 'phone', viewport: { width: 390, height: 844 } },
  { screen: 'desktop', viewport: { width: 1280, height: 800 } },
])('the room on a $screen ($viewport.width x $viewport.height)', ({ screen, viewport }) => {
  const ROOM = 'warnings';
  const HISTORY = 75;

  beforeAll(async () => {
    // A long room: more history than one page, written straight into the room's table.
    const existing = await app.deps.db.selectFrom('local_messages').select('id').where('room', '=', ROOM).execute();
    if (existing.length === 0) {
      await app.deps.db.insertInto('local_messages')
        .values(Array.from({ length: HISTORY }, (_, n) => ({ room: ROOM, body: JSON.stringify({ kind: 'text', text: `预警记录 ${n + 1} / Warning log ${n + 1}` }) })))
        .execute();
    }
  });

  async function openRoom(): Promise<Window> {
    const w = await openWindow('li-wei', viewport);
    if (screen === 'phone') {
      // The rooms are behind the menu button; the menu closes once a room is chosen.
      expect(await w.page.locator('#rooms-nav').isVisible()).toBe(false);
      await w.page.locator('#rooms-toggle').click();
      expect(await w.page.locator('#rooms-nav').isVisible()).toBe(true);
    } else {
      expect(await w.page.locator('#rooms-toggle').isVisible()).toBe(false);
    }
    await w.page.locator(`[data-room="${ROOM}"]`).click();
    await w.page.locator('#room-title', { hasText: 'Warnings' }).waitFor({ timeout: STEP_MS });
    await w.page.locator('#messages[data-loaded="true"]').waitFor({ timeout: STEP_MS });
    expect(await w.page.locator('#rooms-nav').isVisible()).toBe(screen === 'desktop');
    return w;
  }

  test('opens at the newest message, one screen tall, with the command box in view', async () => {
    const { page } = await openRoom();
    const newest = page.locator('#messages > li[data-message-id]').last();
    await page.waitForFunction(() => {
      const list = document.getElementById('messages')!;
      return list.scrollHeight - list.scrollTop - list.clientHeight < 4;
    }, undefined, { timeout: STEP_MS });
    expect(await newest.textContent()).toContain(`Warning log ${HISTORY}`);
    expect(await shownFraction(page, newest)).toBe(1);
    expect(await shownFraction(page, page.locator('#command-input'))).toBe(1);
    // The list scrolls, not the page: the page is exactly the window.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test("a command's answer shows without scrolling, and the command box stays in view", async () => {
    const { page, errors } = await openRoom();
    await page.locator('#command-input').fill('/fb help');
    await page.locator('#command-input').press('Enter');
    const reply = page.locator('#messages > li.msg-bot-reply').last();
    await reply.locator('.bubble, article.card').first().waitFor({ timeout: STEP_MS });
    // The answer's beginning is on screen (all of it when it fits).
    const title = reply.locator('.card-title, .bubble').first();
    expect(await shownFraction(page, title)).toBe(1);
    expect(await shownFraction(page, page.locator('#command-input'))).toBe(1);
    expect(errors).toEqual([]);
  });

  test('older messages load as the reader scrolls up, and the view stays where it was', async () => {
    const { page, errors } = await openRoom();
    const messages = page.locator('#messages > li[data-message-id]');
    const firstShown = await messages.count();
    expect(firstShown).toBeLessThan(HISTORY);
    const anchor = messages.first();
    const anchorId = await anchor.getAttribute('data-message-id');
    await page.locator('#messages').evaluate((list) => { list.scrollTop = 0; });
    await waitUntil(async () => (await messages.count()) === HISTORY);
    expect(await messages.first().textContent()).toContain('Warning log 1');
    expect(await page.locator('#history-status').getAttribute('data-state')).toBe('start');
    // The message that was first is still where the reader left it (at the top), not pushed away.
    const listTop = (await page.locator('#messages').boundingBox())!.y;
    const anchorTop = (await page.locator(`#msg-${anchorId}`).boundingBox())!.y;
    expect(Math.abs(anchorTop - listTop)).toBeLessThan(200);
    const ids = await messages.evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.messageId)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(errors).toEqual([]);
  });
});
