// Delivery at the platform's pace: a chat's limit holds across two workers (two instances on one
// database), a rate-limited chat pauses without holding up others, a crashed instance's chats are
// taken over when its short lease runs out, repeated updates of one card go out once, and a
// message given up is reported once.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '../../src/db/open.js';
import { enqueueMessages } from '../../src/outbox/enqueue.js';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../src/outbox/worker.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import type { OutboxRow } from '../../src/db/schema.js';
import type { OutboxMessage } from '../../src/outbox/outbox-message.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';

const log = pino({ level: 'silent' });
const text = (key: string, platform: string, chatId: string, body: string): OutboxMessage =>
  ({ idempotencyKey: key, platform, chatId, payload: { kind: 'text', text: body } });

describe.each(databases)('%s: delivery pace', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => { database = await openTestDatabase(kind); });
  afterAll(async () => { await database.close(); });
  const worker = (over: Partial<OutboxWorkerOptions> & Pick<OutboxWorkerOptions, 'delivery'>) =>
    createOutboxWorker({ db: database.db, log, pollMs: 10, maxAttempts: 3, ...over });

  test("two workers together never send to a chat faster than its limit, and keep each chat's order", async () => {
    const perSecond = 20;
    await enqueueMessages(database.db, Array.from({ length: 36 }, (_, n) => text(`pace-${n}`, 'paced', `room-${n % 3}`, String(n))));
    const sent: { chat: string; n: number; at: number }[] = [];
    const delivery = { async deliver(row: OutboxRow, payload: any) { sent.push({ chat: row.chat_id, n: Number(payload.text), at: performance.now() }); } };
    const options = { delivery, paceOf: (p: string) => (p === 'paced' ? perSecond : undefined), runLength: 4 };
    const [a, b] = [worker(options), worker(options)];
    await Promise.all([a.drain(), b.drain()]);
    await a.drain();
    expect(sent).toHaveLength(36);
    for (let chat = 0; chat < 3; chat++) {
      const mine = sent.filter((s) => s.chat === `room-${chat}`);
      expect(mine.map((s) => s.n)).toEqual([...mine.map((s) => s.n)].sort((x, y) => x - y));
      // Allow 10% for timer jitter: 20 per second is one every 50 ms.
      for (let i = 1; i < mine.length; i++) expect(mine[i].at - mine[i - 1].at).toBeGreaterThanOrEqual(45);
    }
  });

  test('a rate-limited chat waits the time it was told while other chats go on', async () => {
    await enqueueMessages(database.db, [text('rl-1', 'rl', 'busy', 'a'), text('rl-2', 'rl', 'busy', 'b'), text('rl-3', 'rl', 'calm', 'c')]);
    const sent: { text: string; at: number }[] = [];
    let limited = false;
    const started = performance.now();
    const w = worker({ delivery: { async deliver(row, payload: any) {
      if (row.chat_id === 'busy' && !limited) { limited = true; throw new PlatformError('slack', 'rate_limited', 'ratelimited', 700); }
      sent.push({ text: payload.text, at: performance.now() - started });
    } } });
    await w.drain();
    expect(sent.map((s) => s.text)).toEqual(['c', 'a', 'b']);
    expect(sent[0].at).toBeLessThan(600);
    expect(sent[1].at).toBeGreaterThanOrEqual(650);
    const row = await database.db.selectFrom('outbox').select(['attempts', 'status']).where('idempotency_key', '=', 'rl-1').executeTakeFirstOrThrow();
    // Being told to slow down is not a failed attempt.
    expect(row).toEqual({ attempts: 1, status: 'sent' });
  });

  test("a crashed instance's chat is taken over when its lease runs out, in seconds", async () => {
    await enqueueMessages(database.db, [text('crash-1', 'fake', 'orphan', 'x'), text('crash-2', 'fake', 'orphan', 'y')]);
    await database.db.insertInto('outbox_chats')
      .values({ platform: 'fake', chat_id: 'orphan', leased_by: 'crashed-instance', leased_until: sql<Date>`now() + interval '1500 milliseconds'` })
      .execute();
    const sent: string[] = [];
    const started = performance.now();
    await worker({ delivery: { async deliver(_row, payload: any) { sent.push(payload.text); } } }).drain();
    expect(sent).toEqual(['x', 'y']);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1200);
    expect(waited).toBeLessThan(5000);
  });

  test('repeated updates of one card waiting together go out once, and a post keeps being a post', async () => {
    const card = (key: string, kind: 'card.post' | 'card.update', itemId: string): OutboxMessage =>
      ({ idempotencyKey: key, platform: 'fake', chatId: 'cards', itemId: undefined, payload: { kind, itemId, variant: 'feedback', readOnly: false } });
    await enqueueMessages(database.db, [
      card('co-1', 'card.post', 'item-a'), card('co-2', 'card.update', 'item-a'), text('co-3', 'fake', 'cards', 'between'),
      card('co-4', 'card.update', 'item-a'), card('co-5', 'card.update', 'item-b'), card('co-6', 'card.update', 'item-b'),
    ]);
    const sent: string[] = [];
    await worker({ delivery: { async deliver(row) { sent.push(row.idempotency_key); } } }).drain();
    expect(sent).toEqual(['co-1', 'co-3', 'co-5']);
    const rows = await database.db.selectFrom('outbox').select(['idempotency_key', 'status']).where('idempotency_key', 'like', 'co-%').orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'coalesced', 'sent', 'coalesced', 'sent', 'coalesced']);
  });

  test('a message given up is reported once through onPermanentFailure, and the chat goes on', async () => {
    await enqueueMessages(database.db, [text('pf-1', 'fake', 'gone', 'lost'), text('pf-2', 'fake', 'gone', 'next')]);
    const reported: { key: string; status: string; error: string }[] = [];
    const sent: string[] = [];
    await worker({
      delivery: { async deliver(_row, payload: any) {
        if (payload.text === 'lost') throw new PlatformError('slack', 'rejected', 'channel_not_found');
        sent.push(payload.text);
      } },
      onPermanentFailure: (row, error) => { reported.push({ key: row.idempotency_key, status: row.status, error: (error as Error).message }); },
    }).drain();
    expect(reported).toEqual([{ key: 'pf-1', status: 'failed', error: 'channel_not_found' }]);
    expect(sent).toEqual(['next']);
  });
});
