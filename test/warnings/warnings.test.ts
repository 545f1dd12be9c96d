// Early warnings on a real database with a controllable clock and generated traffic: each signal
// fires at its level and posts one card to the warnings room, worsening raises it in place,
// recovery closes it (the card says so), and the card's buttons close the loop.
import { afterEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { scanWarnings } from '../../src/warnings/scan.js';
import { act, buildTestApp, messagesIn, signedIntake } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import { insertItems, normalTraffic, type GenItem } from './traffic.js';

class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  advance(minutes: number) { this.current = new Date(this.current.getTime() + minutes * 60_000); }
}

// A Wednesday, 14:00 in Shanghai.
const NOW = new Date('2026-11-18T06:00:00Z');
const minutesAgo = (m: number, from = NOW) => new Date(from.getTime() - m * 60_000);

/** Intake signed at the app's clock (the test clock is weeks behind the real one). */
async function postFeedback(app: App, draft: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake(draft, app.deps.clock.now()) });
  expect(res.statusCode).toBe(202);
  return res;
}

async function warningCards(app: App) {
  await app.outbox.drain();
  return (await messagesIn(app, 'warnings')).filter((m) => m.kind === 'card');
}
const cardText = (card: { title: string; body: any[] }) => JSON.stringify(card);

describe.each(databases)('%s: early warnings', (kind) => {
  let app: App | undefined;
  let clock: TestClock;
  async function fresh(env: Record<string, string> = {}) {
    clock = new TestClock(NOW);
    app = await buildTestApp(kind, { clock, env });
    return app;
  }
  afterEach(async () => { await app?.close(); app = undefined; });

  test('safety words from three different customers within an hour post one card within seconds; a fourth updates it in place', async () => {
    const a = await fresh();
    const texts = ['充电宝起火了，差点烧到孩子', 'My kid got food poisoning after eating this, call me on 13812345678', '我已经联系律师准备起诉', '再不处理我就找媒体曝光'];
    // The same customer twice counts once.
    await postFeedback(a, { text: texts[0], customer: { id: 'c-s1' }, channel: 'chat' });
    await postFeedback(a, { text: '真的起火了！！', customer: { id: 'c-s1' }, channel: 'chat' });
    await postFeedback(a, { text: texts[1], customer: { id: 'c-s2' }, channel: 'email' });
    await a.deps.warnings.settled();
    expect(await warningCards(a)).toHaveLength(0);
    await postFeedback(a, { text: texts[2], customer: { id: 'c-s3' }, channel: 'chat' });
    await a.deps.warnings.settled();
    const cards = await warningCards(a);
    expect(cards).toHaveLength(1);
    const card = cards[0]!.card!;
    expect(card.title).toContain('重要');
    expect(card.title).toContain('Safety or legal words');
    const text = cardText(card);
    expect(text).toContain('3 different customers');
    expect(text).toMatch(/fire|火灾/);
    expect(text).not.toContain('13812345678');
    await postFeedback(a, { text: texts[3], customer: { id: 'c-s4' }, channel: 'chat' });
    await a.deps.warnings.settled();
    const after = await warningCards(a);
    expect(after).toHaveLength(1);
    expect(cardText(after[0]!.card!)).toContain('4 different customers');
  });

  test('one customer complaining 3 times in 7 days is a general warning, 5 times important: one card, raised in place', async () => {
    const a = await fresh();
    const complaint = (daysAgo: number): GenItem => ({ at: minutesAgo(daysAgo * 1440), customer: 'c-churn', kind: 'complaint', sentiment: 'negative', text: `Still broken (${daysAgo})` });
    await insertItems(a.deps.db, [complaint(6), complaint(3), complaint(1)]);
    await scanWarnings(a.deps, clock.now());
    let cards = await warningCards(a);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.card!.title).toContain('一般');
    expect(cardText(cards[0]!.card!)).toContain('3 times in 7 days');
    // The next scans find the same: no second post.
    clock.advance(5);
    await scanWarnings(a.deps, clock.now());
    await insertItems(a.deps.db, [complaint(0.5), complaint(0.1)]);
    clock.advance(5);
    await scanWarnings(a.deps, clock.now());
    cards = await warningCards(a);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.card!.title).toContain('重要');
    const events = await a.deps.db.selectFrom('warning_events').select('type').orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['opened', 'raised']);
  });

  test('a sale day five times as busy as usual is not a surge; 45 extra logistics complaints on it are an important one', async () => {
    const a = await fresh();
    // Eight weeks of usual traffic before now.
    await insertItems(a.deps.db, normalTraffic(minutesAgo(8 * 7 * 1440), 8 * 7 * 24, 11));
    // A sale day: the last hour five times as busy as usual, in the usual shares.
    await insertItems(a.deps.db, normalTraffic(minutesAgo(60), 1, 12, () => 5));
    await scanWarnings(a.deps, clock.now());
    expect(await warningCards(a)).toHaveLength(0);
    // Then 45 logistics complaints in twenty minutes on top.
    const surge = Array.from({ length: 45 }, (_, i): GenItem => ({ at: minutesAgo(i % 20, new Date(NOW.getTime() + 20 * 60_000)), topic: 'logistics', kind: 'complaint', sentiment: 'negative', channel: ['chat', 'email', 'phone', 'app_review'][i % 4], customer: `c-surge-${i}`, text: `包裹丢了 ${i}` }));
    await insertItems(a.deps.db, surge);
    clock.advance(20);
    await scanWarnings(a.deps, clock.now());
    const cards = await warningCards(a);
    const logistics = cards.filter((c) => c.card!.title.includes('logistics'));
    expect(logistics).toHaveLength(1);
    // On a busy day the expected count is larger too: 45 extra complaints are important, not severe.
    expect(logistics[0]!.card!.title).toContain('重要');
    expect(cardText(logistics[0]!.card!)).toMatch(/usually brings about \d/);
    expect(cardText(logistics[0]!.card!)).toContain('包裹丢了');
  }, 120_000);

  test('breach rate, unclaimed queue, satisfaction and a silent source each fire at their level', async () => {
    const a = await fresh();
    // Breach: 20 items due in the last 4 hours, 12 answered late or not at all (60%: severe).
    await insertItems(a.deps.db, Array.from({ length: 20 }, (_, i): GenItem => ({ at: minutesAgo(120 + 10 * i), respondedAfter: i < 12 ? 150 : 20, customer: `c-b${i}` })));
    // Unclaimed: 30 new items in the last hour, none before (important).
    await insertItems(a.deps.db, Array.from({ length: 30 }, (_, i): GenItem => ({ at: minutesAgo(i * 2), respondedAfter: null, state: 'new', customer: `c-u${i}` })));
    // Satisfaction: 90% of 100 ratings good the day before, 65% of 100 in the last day (25 points: important).
    await insertItems(a.deps.db, Array.from({ length: 200 }, (_, i): GenItem => ({ at: minutesAgo(i < 100 ? 1500 + i * 5 : 60 + (i - 100) * 5), rating: i < 100 ? (i < 90 ? 5 : 1) : (i - 100 < 65 ? 5 : 1), customer: `c-r${i}`, carded: false })));
    // A shop that sends about 12 items an hour at this time of the week has sent nothing for 2 hours (24 expected: important).
    const shop: GenItem[] = [];
    for (let week = 1; week <= 8; week++) for (let k = 0; k < 24; k++) shop.push({ at: minutesAgo(week * 7 * 1440 + 5 * k + 1), source: 'shop', customer: `c-shop-${week}-${k}`, carded: false });
    shop.push({ at: minutesAgo(300), source: 'shop', customer: 'c-shop-last', carded: false });
    await insertItems(a.deps.db, shop);
    await scanWarnings(a.deps, clock.now());
    const titles = (await warningCards(a)).map((c) => c.card!.title);
    expect(titles.find((t) => t.includes('Deadline breaches'))).toContain('严重');
    expect(titles.find((t) => t.includes('Unclaimed queue'))).toContain('重要');
    expect(titles.find((t) => t.includes('Satisfaction falling'))).toContain('重要');
    expect(titles.find((t) => t.includes('Source gone silent'))).toMatch(/重要.*shop/);
    // Severe ones also name the supervisors and managers in the room.
    const pings = (await messagesIn(a, 'warnings')).filter((m) => m.kind === 'text').map((m) => String(m.text));
    expect(pings.filter((p) => p.includes('Severe warning'))).toHaveLength(1);
  });

  test('back to normal closes the warning itself: the card says so and nothing is deleted', async () => {
    const a = await fresh();
    const ids = await insertItems(a.deps.db, Array.from({ length: 12 }, (_, i): GenItem => ({ at: minutesAgo(i * 4), respondedAfter: null, state: 'new', customer: `c-q${i}` })));
    await scanWarnings(a.deps, clock.now());
    expect((await warningCards(a))[0]!.card!.title).toContain('Unclaimed queue');
    // Claimed now: the queue is empty, but one quiet scan is not yet "normal".
    await a.deps.db.updateTable('feedback').set({ state: 'claimed' }).where('id', 'in', ids).execute();
    await a.deps.db.insertInto('feedback_events').values(ids.map((id) => ({ feedback_id: id, type: 'claimed', actor_id: 'li-wei', data: '{}', created_at: clock.now() }))).execute();
    clock.advance(5);
    await scanWarnings(a.deps, clock.now());
    expect(cardText((await warningCards(a))[0]!.card!)).not.toContain('Back to normal');
    clock.advance(10);
    const result = await scanWarnings(a.deps, clock.now());
    expect(result.recovered).toHaveLength(1);
    const cards = await warningCards(a);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!.card!)).toContain('Back to normal at 2026-11-18 14:15');
    expect(cards[0]!.card!.body.some((n: any) => n.type === 'actions' && n.buttons.some((b: any) => b.label.includes('Acknowledge')))).toBe(false);
    const row = await a.deps.db.selectFrom('warnings').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('recovered');
    expect(row.ended_at).not.toBeNull();
    // The condition coming back is a new warning, with a card of its own.
    await insertItems(a.deps.db, Array.from({ length: 12 }, (_, i): GenItem => ({ at: minutesAgo(i * 4, clock.now()), respondedAfter: null, state: 'new', customer: `c-q2${i}` })));
    await scanWarnings(a.deps, clock.now());
    expect(await warningCards(a)).toHaveLength(2);
  });

  test('Acknowledge, Assign and Resolve with a note close the loop; /fb warnings lists the open ones and history their outcome', async () => {
    const a = await fresh();
    await insertItems(a.deps.db, [3, 2, 1].map((d): GenItem => ({ at: minutesAgo(d * 1440), customer: 'c-loop', kind: 'complaint', sentiment: 'negative' })));
    await scanWarnings(a.deps, clock.now());
    const [card] = await warningCards(a);
    const buttons = card!.card!.body.find((n: any) => n.type === 'actions').buttons as { label: string; action: string; item_id?: string; itemId?: string }[];
    expect(buttons.map((b) => b.label)).toEqual(['确认 / Acknowledge', '指派 / Assign', '解决 / Resolve']);
    const target = buttons[0]!.item_id ?? buttons[0]!.itemId!;
    const token = (label: string) => buttons.find((b) => b.label.includes(label))!.action;
    let list = await a.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'warnings', text: '/fb warnings' } });
    expect(JSON.stringify(list.json())).toContain('Repeated complaints');

    expect((await act(a, 'zhang-min', target, token('Acknowledge'))).statusCode).toBe(200);
    const twice = await act(a, 'li-wei', target, token('Acknowledge'));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('Zhang Min');
    expect((await act(a, 'zhang-min', target, token('Assign'), {})).statusCode).toBe(422);
    expect((await act(a, 'zhang-min', target, token('Assign'), { assignee: 'li-wei' })).statusCode).toBe(200);
    clock.advance(30);
    const noNote = await act(a, 'li-wei', target, token('Resolve'), { note: '  ' });
    expect(noNote.statusCode).toBe(422);
    expect((await act(a, 'li-wei', target, token('Resolve'), { note: 'Called the customer (13812345678), refund sent' })).statusCode).toBe(200);

    const [after] = await warningCards(a);
    const text = cardText(after!.card!);
    expect(text).toContain('Zhang Min (2026-11-18 14:00)');
    expect(text).toContain('Li Wei');
    expect(text).toContain('refund sent');
    expect(text).not.toContain('13812345678');
    expect(after!.card!.body.some((n: any) => n.type === 'actions')).toBe(false);
    const events = await a.deps.db.selectFrom('warning_events').select(['type', 'actor_id']).orderBy('id').execute();
    expect(events).toEqual([{ type: 'opened', actor_id: null }, { type: 'acknowledged', actor_id: 'zhang-min' }, { type: 'assigned', actor_id: 'zhang-min' }, { type: 'resolved', actor_id: 'li-wei' }]);

    list = await a.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'warnings', text: '/fb warnings' } });
    expect(JSON.stringify(list.json())).toContain('No open warnings');
    const history = await a.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'warnings', text: '/fb warnings history 7d' } });
    expect(JSON.stringify(history.json())).toMatch(/resolved by Li Wei \(2026-11-18 14:30\): Called the customer/);
    const bad = await a.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'warnings', text: '/fb warnings history forever' } });
    expect(JSON.stringify(bad.json())).toContain('warnings history 7d');
  });

  test('two instances scanning at once produce each warning once', async () => {
    const a = await fresh();
    const b = await buildTestApp(kind, { clock });
    try {
      // b has a database of its own in buildTestApp; use a's for both scans instead.
      await insertItems(a.deps.db, [3, 2, 1].map((d): GenItem => ({ at: minutesAgo(d * 1440), customer: 'c-twice', kind: 'complaint', sentiment: 'negative' })));
      await Promise.all([scanWarnings(a.deps, clock.now()), scanWarnings({ ...b.deps, db: a.deps.db }, clock.now()), scanWarnings(a.deps, clock.now())]);
      expect(await a.deps.db.selectFrom('warnings').select('id').execute()).toHaveLength(1);
      expect(await warningCards(a)).toHaveLength(1);
      const outbox = await a.deps.db.selectFrom('outbox').select('kind').where('kind', '=', 'warning.post').execute();
      expect(outbox).toHaveLength(1);
    } finally {
      await b.close();
    }
  });
});
