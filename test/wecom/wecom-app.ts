// The real app with WeCom switched on, pointed at a fake WeCom API; two rooms (an app group chat
// for new feedback, a group robot for escalations) and three team members linked to WeCom users.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { OpenDatabase } from '../../src/db/open.js';
import type { Clock } from '../../src/deps.js';
import { upsertAgent } from '../../src/agents-repo.js';
import { linkIdentity } from '../../src/agents-repo.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { DatabaseKind } from '../helpers/test-database.js';
import { buildTestApp, ENCRYPTION_KEY, INTAKE_SECRET, TEAM, type TestAppOptions } from '../helpers/test-app.js';
import { createRobotKeySeal } from '../../adapters/wecom/robot-key.js';
import { parseEncryptionKey } from '../../src/privacy/contact-crypto.js';
import { CORP_ID, CORP_SECRET, startFakeWecom, type FakeWecom } from './fake-wecom.js';
import { AES_KEY, AGENT_ID, TOKEN } from './wecom-requests.js';

export const WECOM_TEAM = { LiWei: 'li-wei', WangFang: 'wang-fang', ZhangMin: 'zhang-min' } as const;
export const FEEDBACK_ROOM = 'appchat:feedback01';
/** A group robot's webhook key, and its room as the bot stores it: sealed under the test ENCRYPTION_KEY. */
export const ROBOT_KEY = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
export const robotKeys = createRobotKeySeal(parseEncryptionKey(ENCRYPTION_KEY));
export const ESCALATION_ROOM = `robot:${robotKeys.seal(ROBOT_KEY)}`;

export function wecomEnv(fake: FakeWecom, admins = 'BossAdmin'): Record<string, string> {
  return {
    WECOM_CORP_ID: CORP_ID, WECOM_AGENT_ID: String(AGENT_ID), WECOM_SECRET: CORP_SECRET, WECOM_TOKEN: TOKEN,
    WECOM_ENCODING_AES_KEY: AES_KEY, WECOM_API_BASE: fake.apiBase, WECOM_ADMIN_USER_IDS: admins,
  };
}

export async function buildWecomApp(kind: DatabaseKind, options: TestAppOptions & { fake?: FakeWecom } = {}): Promise<{ app: App; fake: FakeWecom }> {
  const fake = options.fake ?? (await startFakeWecom());
  const app = await buildTestApp(kind, { ...options, env: { ...wecomEnv(fake), ...options.env } });
  for (const [user, agent] of Object.entries(WECOM_TEAM)) await linkIdentity(app.deps.db, 'wecom', user, agent);
  await ensureChannel(app.deps.db, { platform: 'wecom', chatId: FEEDBACK_ROOM, purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  await ensureChannel(app.deps.db, { platform: 'wecom', chatId: ESCALATION_ROOM, purpose: 'escalation', name: 'escalations', filters: {}, readOnly: false });
  if (!options.fake) app.addHook('onClose', async () => fake.close());
  return { app, fake };
}

/**
 * One more bot instance on a database another instance (or an earlier run) uses; the team and
 * rooms are set up once, by `seed`. Its timers stop when it is closed; the database stays open.
 */
export async function buildWecomInstance(database: OpenDatabase, fake: FakeWecom, o: { clock?: Clock; seed?: boolean } = {}): Promise<App> {
  const config = loadConfig({
    DATA_DIR: await mkdtemp(join(tmpdir(), 'fd-wecom-')), DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0', ...wecomEnv(fake),
  });
  const app = await buildApp(config, { database, logger: pino({ level: 'silent' }), ...(o.clock ? { clock: o.clock } : {}) });
  if (o.seed) {
    for (const agent of TEAM) await upsertAgent(database.db, agent);
    for (const [user, agent] of Object.entries(WECOM_TEAM)) await linkIdentity(database.db, 'wecom', user, agent);
    await ensureChannel(database.db, { platform: 'wecom', chatId: FEEDBACK_ROOM, purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  }
  return app;
}

export { shown } from '../slack/slack-app.js';
