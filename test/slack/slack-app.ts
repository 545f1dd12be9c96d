// The real app with Slack switched on, pointed at a fake Slack Web API.
import type { App } from '../../src/app.js';
import { linkIdentity } from '../../src/agents-repo.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { DatabaseKind } from '../helpers/test-database.js';
import { buildTestApp, type TestAppOptions } from '../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { SIGNING_SECRET } from './slack-requests.js';

export const SLACK_TEAM = { U_LIWEI: 'li-wei', U_WANG: 'wang-fang', U_ZHANG: 'zhang-min' } as const;

export async function buildSlackApp(kind: DatabaseKind, options: TestAppOptions & { fake?: FakeSlack; admins?: string } = {}): Promise<{ app: App; fake: FakeSlack }> {
  const fake = options.fake ?? (await startFakeSlack());
  const app = await buildTestApp(kind, {
    ...options,
    env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, SLACK_ADMIN_USER_IDS: options.admins ?? 'U_ADMIN', ...options.env },
  });
  for (const [user, agent] of Object.entries(SLACK_TEAM)) await linkIdentity(app.deps.db, 'slack', user, agent);
  await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C_FEEDBACK', purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C_ESC', purpose: 'escalation', name: 'escalations', filters: {}, readOnly: false });
  if (!options.fake) app.addHook('onClose', async () => fake.close());
  return { app, fake };
}

/** Every text a Slack message or view shows, joined, for "the person sees X" assertions. */
export function shown(value: unknown): string {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return texts.join('\n');
}
