// The real app on a test database, entered through app.inject(); only remote platforms are faked.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { upsertAgent } from '../../src/agents-repo.js';
import { signIntakeBody } from '../../src/intake/signature.js';
import type { Agent } from '../../src/domain/types.js';
import type { Clock } from '../../src/deps.js';
import { openTestDatabase, type DatabaseKind } from './test-database.js';
import type { OpenDatabase } from '../../src/db/open.js';

export const INTAKE_SECRET = 'test-intake-secret-0123456789abcdef';
export const ENCRYPTION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export const TEAM: Agent[] = [
  { id: 'li-wei', name: 'Li Wei', role: 'agent' },
  { id: 'wang-fang', name: 'Wang Fang', role: 'agent' },
  { id: 'zhang-min', name: 'Zhang Min', role: 'supervisor' },
];

export interface TestAppOptions {
  env?: Record<string, string>; clock?: Clock; startWorker?: boolean; team?: Agent[]; logger?: Logger;
  /** A database shared with other instances (the caller closes it); default a new one of `kind`. */
  database?: OpenDatabase;
}

export async function buildTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<App> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fd-app-'));
  const config = loadConfig({
    DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0', ...options.env,
  });
  const database = options.database ?? await openTestDatabase(kind);
  const app = await buildApp(config, {
    database, logger: options.logger ?? pino({ level: 'silent' }), startWorker: options.startWorker ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  for (const agent of options.team ?? TEAM) await upsertAgent(app.deps.db, agent);
  if (!options.database) app.addHook('onClose', async () => database.close());
  return app;
}

/** Headers and payload for a correctly signed intake request. */
export function signedIntake(body: unknown, now = new Date(), secret = INTAKE_SECRET) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return { payload, headers: { 'content-type': 'application/json', ...signIntakeBody(payload, secret, now) } };
}

export async function postFeedback(app: App, draft: Record<string, unknown>, source = 'web') {
  return app.inject({ method: 'POST', url: `/intake/${source}`, ...signedIntake(draft) });
}

export async function messagesIn(app: App, room: string) {
  const res = await app.inject({ method: 'GET', url: `/local/api/rooms/${room}/messages` });
  return (res.json() as { messages: { id: number; kind: string; card?: { title: string; body: any[]; fallback: string }; text?: string }[] }).messages;
}

export async function act(app: App, actor: string, itemId: string, action: string, input?: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/local/api/actions', payload: { actor, item_id: itemId, action, ...(input ? { input } : {}) } });
}
