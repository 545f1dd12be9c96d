// A stored digest delivered to Feishu and WeCom rooms: the card in the platform's own format,
// then the chart as the platform's picture message, through the same delivery code the outbox uses.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFeishuAdapter } from '../../adapters/feishu/index.js';
import { randomBytes } from 'node:crypto';
import { createWecomAdapter } from '../../adapters/wecom/index.js';
import { createRobotKeySeal } from '../../adapters/wecom/robot-key.js';
import { createWecomState } from '../../src/wecom-state.js';
import type { ChatAdapter } from '../../adapters/chat-adapter.js';
import { loadConfig } from '../../src/config.js';
import type { OpenDatabase } from '../../src/db/open.js';
import type { OutboxRow } from '../../src/db/schema.js';
import { deliverStoredFile } from '../../src/digests/deliver-digest.js';
import { digestPeriod } from '../../src/digests/period.js';
import { produceDigest } from '../../src/digests/produce-digest.js';
import { createLinkSigner } from '../../src/exports/signed-link.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { startFakeFeishu, type FakeFeishu } from '../feishu/fake-feishu.js';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from '../feishu/feishu-requests.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { CORP_ID, CORP_SECRET, startFakeWecom, type FakeWecom } from '../wecom/fake-wecom.js';
import { AES_KEY, AGENT_ID, TOKEN } from '../wecom/wecom-requests.js';
import { seedDigestFixture, ZONE } from './fixture.js';

const t = createTranslate('both');

describe.each(databases)('%s: a digest in Feishu and WeCom rooms', (kind) => {
  let database: OpenDatabase;
  let digestId: string;
  let feishu: FakeFeishu;
  let wecom: FakeWecom;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDigestFixture(database.db);
    const config = loadConfig({ DATA_DIR: '/nonexistent', DEMO: '0', DIGEST_TIME_ZONE: ZONE });
    digestId = (await produceDigest({ db: database.db, t, config }, digestPeriod('daily', ZONE, new Date('2026-12-01T02:00:00Z')))).id;
    [feishu, wecom] = await Promise.all([startFakeFeishu(), startFakeWecom()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([feishu?.close(), wecom?.close()]);
    await database?.close();
  });

  async function deliver(adapter: ChatAdapter, chatId: string) {
    const options = { db: database.db, t, now: () => new Date('2026-12-01T02:00:00Z'), links: createLinkSigner('x'.repeat(32)) };
    for (const kind of ['digest.card', 'digest.chart'] as const) {
      const row = { id: 1, idempotency_key: `digest:test:${chatId}:${kind}`, platform: adapter.platform, chat_id: chatId } as OutboxRow;
      await deliverStoredFile(options, adapter, row, { kind, digestId });
    }
  }

  test('Feishu: an interactive card with the figures, then the chart uploaded and posted as an image', async () => {
    const adapter = createFeishuAdapter({ appId: `cli_digest_${kind}`, appSecret: 's', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: feishu.url, adminOpenIds: [] },
      { workingText: 'working', doneText: 'done' });
    await deliver(adapter, 'oc_digests');
    const [card, image, comment] = feishu.callsOf('create').filter((c) => c.body.receive_id === 'oc_digests');
    expect(card!.body.msg_type).toBe('interactive');
    const content = JSON.parse(card!.body.content);
    expect(content.header.title.content).toBe('日报 2026-11-30 / Daily digest 2026-11-30');
    expect(JSON.stringify(content)).toContain('首次响应达标 / First response on time: 50% (2/4)');
    expect(JSON.stringify(content)).toContain('快递三天没到，打 138****5678 也没人接');
    expect(feishu.callsOf('image')).toHaveLength(1);
    expect(image!.body.msg_type).toBe('image');
    expect(JSON.parse(comment!.body.content).text).toBe('2026-11-30 日报趋势图 / Trend chart of the daily digest 2026-11-30');
  });

  test('WeCom app group: the digest as markdown (groups take no template cards), then the chart as image media', async () => {
    const adapter = createWecomAdapter(
      { corpId: CORP_ID, agentId: AGENT_ID, secret: CORP_SECRET, token: TOKEN, encodingAesKey: AES_KEY, apiBase: wecom.apiBase, adminUserIds: [] },
      { t, recipients: async () => [], state: createWecomState(database.db), robotKeys: createRobotKeySeal(randomBytes(32)) },
    );
    await deliver(adapter, 'appchat:digests01');
    const sent = wecom.callsOf('appchat/send').filter((c) => c.body.chatid === 'digests01');
    expect(sent[0]!.body.msgtype).toBe('markdown');
    // 🟠: half the day's first responses were late.
    expect(sent[0]!.body.markdown.content).toContain('**🟠 日报 2026-11-30 / Daily digest 2026-11-30**');
    expect(sent[0]!.body.markdown.content).toContain('解决率 / Resolution rate: <font color="info">33% (2/6)</font>');
    expect(wecom.callsOf('media/upload').at(-1)!.query.type).toBe('image');
    expect(sent[1]!.body).toEqual({ chatid: 'digests01', msgtype: 'image', image: { media_id: expect.stringMatching(/^media-/) } });
  });
});
