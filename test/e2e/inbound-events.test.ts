// A platform's retried delivery of one click claims once; a platform user acts as the one agent
// linked to them; an unlinked user is told so.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { linkIdentity } from '../../src/agents-repo.js';
import { handleInbound } from '../../src/inbound/handle-inbound.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, postFeedback } from '../helpers/test-app.js';

describe.each(databases)('%s: inbound platform events', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(kind);
    await linkIdentity(app.deps.db, 'slack', 'U_LIWEI', 'li-wei');
    await linkIdentity(app.deps.db, 'feishu', 'ou_liwei', 'li-wei');
  });
  afterAll(async () => { await app.close(); });

  test('the same click delivered twice claims once', async () => {
    const { id } = (await postFeedback(app, { text: 'Parcel never arrived', customer: { id: 'c-in' }, channel: 'chat' })).json();
    const click = { kind: 'action' as const, eventId: 'evt-1', actor: { platform: 'slack' as const, userId: 'U_LIWEI' }, itemId: id, action: 'claim' as const, input: {} };
    const first = await handleInbound(app.deps, 'slack', click);
    const second = await handleInbound(app.deps, 'slack', click);
    expect(first).toMatchObject({ kind: 'done', card: { itemId: id } });
    expect(second).toEqual({ kind: 'duplicate' });
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created', 'claimed']);
  });

  test('one person on two platforms is one agent; an unlinked user is told to ask an admin', async () => {
    const command = (platform: 'slack' | 'feishu', userId: string, eventId: string) =>
      handleInbound(app.deps, platform, { kind: 'command', eventId, actor: { platform, userId }, chat: { platform, chatId: 'C1' }, text: '/fb mine' });
    const fromFeishu = await command('feishu', 'ou_liwei', 'e-2');
    expect(JSON.stringify(fromFeishu)).toContain('Parcel never arrived');
    expect(await command('slack', 'U_STRANGER', 'e-3')).toMatchObject({ kind: 'unknown_user', text: expect.stringContaining('not linked') });
  });
});
