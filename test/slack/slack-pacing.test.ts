// Two bot instances on one database share Slack's pace: together they post to a channel about
// once a second, each card once, however the work falls between them.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { ENCRYPTION_KEY, INTAKE_SECRET, postFeedback } from '../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { SIGNING_SECRET } from './slack-requests.js';

describe.each(databases)('%s: Slack pace across two instances', (kind) => {
  let fake: FakeSlack;
  let database: OpenDatabase;
  let apps: App[];
  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await openTestDatabase(kind);
    const instance = async () => buildApp(loadConfig({
      DATA_DIR: await mkdtemp(join(tmpdir(), 'fd-pace-')), DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    }), { database, logger: pino({ level: 'silent' }) });
    apps = [await instance(), await instance()];
    await ensureChannel(database.db, { platform: 'slack', chatId: 'C_PACE', purpose: 'intake', name: 'pace', filters: {}, readOnly: false });
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await database?.close();
    await fake?.close();
  });

  test('five cards for one channel from two instances go out about a second apart, each once', async () => {
    const texts = Array.from({ length: 5 }, (_, i) => `Pace check ${i} ${Math.random()}`);
    for (const [i, text] of texts.entries()) await postFeedback(apps[i % 2]!, { text, customer: { id: `c-pace-${i}` }, channel: 'chat' });
    const deadline = Date.now() + 20_000;
    const posted = () => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_PACE' && c.ok);
    while (posted().length < texts.length && Date.now() < deadline) await Promise.all(apps.map((app) => app.outbox.drain()));
    const calls = posted();
    expect(calls.map((c) => texts.find((t) => String(c.args.text).includes(t))).sort()).toEqual([...texts].sort());
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    // Slack's limit is about one a second per channel; a little slack for timer granularity.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  }, 30_000);
});
