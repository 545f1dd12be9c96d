// The real app with Feishu switched on, pointed at a fake Feishu open API.
import type { App } from '../../src/app.js';
import { linkIdentity } from '../../src/agents-repo.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { DatabaseKind } from '../helpers/test-database.js';
import { buildTestApp, type TestAppOptions } from '../helpers/test-app.js';
import { startFakeFeishu, type FakeFeishu } from './fake-feishu.js';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN } from './feishu-requests.js';

export const FEISHU_TEAM = { ou_liwei: 'li-wei', ou_wang: 'wang-fang', ou_zhang: 'zhang-min' } as const;

export async function buildFeishuApp(kind: DatabaseKind, options: TestAppOptions & { fake?: FakeFeishu } = {}): Promise<{ app: App; fake: FakeFeishu }> {
  const fake = options.fake ?? (await startFakeFeishu());
  const app = await buildTestApp(kind, {
    ...options,
    env: {
      FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: 'test-app-secret', FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN, FEISHU_DOMAIN: fake.url, FEISHU_ADMIN_OPEN_IDS: 'ou_admin', ...options.env,
    },
  });
  for (const [user, agent] of Object.entries(FEISHU_TEAM)) await linkIdentity(app.deps.db, 'feishu', user, agent);
  await ensureChannel(app.deps.db, { platform: 'feishu', chatId: 'oc_feedback', purpose: 'intake', name: 'feedback', filters: {}, readOnly: false });
  await ensureChannel(app.deps.db, { platform: 'feishu', chatId: 'oc_esc', purpose: 'escalation', name: 'escalations', filters: {}, readOnly: false });
  if (!options.fake) app.addHook('onClose', async () => fake.close());
  return { app, fake };
}

/** Every text a card or message shows, joined: the same walk serves Block Kit and Feishu cards. */
export { shown } from '../slack/slack-app.js';

/** The card a create / reply / patch call carried. */
export function cardOf(call: { body: any }): any {
  return JSON.parse(call.body.content);
}

export async function waitFor(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The button for `action` on a card (its callback value names the action). */
export function findButton(card: any, action: string): any {
  let found: any;
  const walk = (v: any) => {
    if (found || !v || typeof v !== 'object') return;
    if (v.tag === 'button' && String(v.behaviors?.[0]?.value?.fb ?? '').startsWith(`${action}:`)) { found = v; return; }
    Object.values(v).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${action} button on the card`);
  return found;
}
