// Setting up a workspace from chat: /fb setup registers a channel for a purpose with filters
// (admins only), /fb setup alone lists them, /fb role changes roles; newcomers become agents.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { findAgentByIdentity, getAgent } from '../../src/agents-repo.js';
import { getItem } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeSlack } from './fake-slack.js';
import { buildSlackApp, shown } from './slack-app.js';
import { FORM, signed, slashCommand } from './slack-requests.js';

describe.each(databases)('%s: Slack workspace setup', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => {
    ({ app, fake } = await buildSlackApp(kind, { admins: 'U_ADMIN' }));
    Object.assign(fake.users, { U_ADMIN: 'Ada Admin', U_NEW: 'Chen Jing', U_NEWBIE: 'Newbie Ng' });
  });
  afterAll(async () => { await app.close(); });

  const fb = (user: string, text: string, channel = 'C_LOGI', channelName = 'logistics') =>
    app.inject(signed(slashCommand({ user, text, channel, channelName }), FORM)).then((r) => ({ status: r.statusCode, text: shown(r.json()) }));

  test('someone new becomes an agent named from users.info; the listed admins become admins', async () => {
    expect((await fb('U_NEW', 'mine')).status).toBe(200);
    const agent = await findAgentByIdentity(app.deps.db, 'slack', 'U_NEW');
    expect(agent).toMatchObject({ name: 'Chen Jing', role: 'agent' });
    await fb('U_ADMIN', 'help');
    expect(await findAgentByIdentity(app.deps.db, 'slack', 'U_ADMIN')).toMatchObject({ name: 'Ada Admin', role: 'admin' });
  });

  test('only admins set up channels; filters route matching items there', async () => {
    expect((await fb('U_NEW', 'setup feedback topic=logistics')).text).toContain('Only admins');
    expect((await fb('U_ADMIN', 'setup feedback colour=blue')).text).toContain('colour=blue');
    expect((await fb('U_ADMIN', 'setup feedback priority=sometimes')).text).toContain('priority=sometimes');
    expect((await fb('U_ADMIN', 'setup nonsense')).text).toContain('Usage');
    expect((await fb('U_ADMIN', 'setup feedback topic=logistics')).text).toContain('topics=logistics');

    const { id } = (await postFeedback(app, { text: '快递三天了还没送到，物流信息一直不更新', customer: { id: 'c-logi' }, channel: 'chat' })).json();
    expect((await getItem(app.deps.db, id))?.topic).toBe('logistics');
    const other = (await postFeedback(app, { text: 'Your prices went up again, too expensive', customer: { id: 'c-price' }, channel: 'chat' })).json().id;
    expect((await getItem(app.deps.db, other))?.topic).not.toBe('logistics');
    await app.outbox.drain();
    const posts = fake.callsOf('chat.postMessage');
    expect(posts.filter((p) => p.args.channel === 'C_LOGI').map((p) => p.args.text)).toEqual([expect.stringContaining('快递三天')]);
    expect(posts.some((p) => p.args.channel === 'C_FEEDBACK' && String(p.args.text).includes('prices'))).toBe(true);
  });

  test('/fb setup alone lists what every channel receives', async () => {
    const list = (await fb('U_NEW', 'setup')).text;
    expect(list).toContain('slack · logistics (C_LOGI)');
    expect(list).toContain('topics=logistics');
    expect(list).toContain('local · ');
    const off = await fb('U_ADMIN', 'setup off feedback');
    expect(off.text).not.toContain('C_LOGI');
  });

  test('/fb role: admins change roles by mention, newcomers included; the last admin stays', async () => {
    expect((await fb('U_NEW', 'role <@U_WANG|wang> supervisor')).text).toContain('Only admins');
    expect((await fb('U_ADMIN', 'role <@U_WANG|wang> supervisor')).text).toContain('Wang Fang');
    expect((await getAgent(app.deps.db, 'wang-fang'))?.role).toBe('supervisor');
    expect((await fb('U_ADMIN', 'role <@U_NEWBIE|newbie> supervisor')).text).toContain('Newbie Ng');
    expect(await findAgentByIdentity(app.deps.db, 'slack', 'U_NEWBIE')).toMatchObject({ role: 'supervisor' });
    expect((await fb('U_ADMIN', 'role <@U_ADMIN|ada> agent')).text).toContain('last admin');
    expect((await fb('U_ADMIN', 'role <@U_WANG|wang> boss')).text).toContain('Usage');
  });
});
