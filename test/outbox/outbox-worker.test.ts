// The delivery worker: once per message even with two workers, in order per chat, retried with
// backoff, and given up (visibly) after the last attempt.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '../../src/db/open.js';
import { enqueueMessages } from '../../src/outbox/enqueue.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import type { OutboxRow } from '../../src/db/schema.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';

const log = pino({ level: 'silent' });
const text = (key: string, chatId: string, body: string) => ({ idempotencyKey: key, platform: 'fake', chatId, payload: { kind: 'text' as const, text: body } });

describe.each(databases)('%s: outbox worker', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => { database = await openTestDatabase(kind); });
  afterAll(async () => { await database.close(); });

  test('two workers draining together send every message exactly once, in order per chat', async () => {
    const messages = Array.from({ length: 40 }, (_, n) => text(`once-${n}`, `chat-${n % 4}`, `m${n}`));
    await enqueueMessages(database.db, messages);
    await enqueueMessages(database.db, messages); // the same keys again: no-ops
    const sent: { chat: string; text: string }[] = [];
    const delivery = { async deliver(row: OutboxRow, payload: any) { await new Promise((r) => setTimeout(r, Math.random() * 5)); sent.push({ chat: row.chat_id, text: payload.text }); } };
    const a = createOutboxWorker({ db: database.db, delivery, log, pollMs: 10, maxAttempts: 3 });
    const b = createOutboxWorker({ db: database.db, delivery, log, pollMs: 10, maxAttempts: 3 });
    await Promise.all([a.drain(), b.drain()]);
    await a.drain();
    expect(sent).toHaveLength(40);
    for (let chat = 0; chat < 4; chat++) {
      const order = sent.filter((s) => s.chat === `chat-${chat}`).map((s) => Number(s.text.slice(1)));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });

  test('a failed send is retried later with backoff, and later messages of that chat wait for it', async () => {
    await enqueueMessages(database.db, [text('retry-1', 'slow', 'first'), text('retry-2', 'slow', 'second')]);
    const sent: string[] = [];
    let failures = 1;
    const worker = createOutboxWorker({
      db: database.db, log, pollMs: 10, maxAttempts: 5,
      delivery: { async deliver(_row, payload: any) {
        if (payload.text === 'first' && failures-- > 0) throw new PlatformError('slack', 'unreachable', 'connection reset');
        sent.push(payload.text);
      } },
    });
    await worker.drain();
    expect(sent).toEqual([]);
    const waiting = await database.db.selectFrom('outbox').select(['attempts', 'status', sql<boolean>`next_attempt_at > now()`.as('later')])
      .where('idempotency_key', '=', 'retry-1').executeTakeFirstOrThrow();
    expect(waiting).toEqual({ attempts: 1, status: 'pending', later: true });
    // The backoff has passed.
    await database.db.updateTable('outbox').set({ next_attempt_at: sql<Date>`now()` }).where('idempotency_key', '=', 'retry-1').execute();
    await worker.drain();
    expect(sent).toEqual(['first', 'second']);
    const row = await database.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', 'retry-1').executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.status).toBe('sent');
  });

  test('after the last attempt, or when the platform rejects, a message is marked failed with its error', async () => {
    await enqueueMessages(database.db, [text('fail-1', 'dead', 'never'), text('reject-1', 'other', 'no')]);
    const worker = createOutboxWorker({
      db: database.db, log, pollMs: 10, maxAttempts: 1,
      delivery: { async deliver(row) {
        if (row.chat_id === 'other') throw new PlatformError('slack', 'rejected', 'channel_not_found');
        throw new PlatformError('slack', 'unreachable', 'connection refused');
      } },
    });
    await worker.drain();
    const rows = await database.db.selectFrom('outbox').select(['idempotency_key', 'status', 'last_error'])
      .where('idempotency_key', 'in', ['fail-1', 'reject-1']).orderBy('idempotency_key').execute();
    expect(rows).toEqual([
      { idempotency_key: 'fail-1', status: 'failed', last_error: 'PlatformError: connection refused' },
      { idempotency_key: 'reject-1', status: 'failed', last_error: 'PlatformError: channel_not_found' },
    ]);
    const due = await database.db.selectFrom('outbox').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(due.n).toBe(0);
  });
});
