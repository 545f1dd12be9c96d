// An export reaches Feishu and WeCom chats as a file, each through the platform's own upload.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFeishuAdapter } from '../../adapters/feishu/index.js';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { startFakeFeishu, type FakeFeishu } from '../feishu/fake-feishu.js';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from '../feishu/feishu-requests.js';
import type { FakeWecom } from '../wecom/fake-wecom.js';
import { buildWecomApp, ESCALATION_ROOM, ROBOT_KEY } from '../wecom/wecom-app.js';

const xlsx = Buffer.from('504b03040a0000000000', 'hex'); // a zip's first bytes: enough for an upload

describe('Feishu files', () => {
  let fake: FakeFeishu;
  beforeAll(async () => { fake = await startFakeFeishu(); });
  afterAll(async () => { await fake.close(); });

  test('an .xlsx is uploaded with im.v1.file.create as type xls and posted as a file message', async () => {
    const adapter = createFeishuAdapter({ appId: 'cli_files', appSecret: 's', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, adminOpenIds: [] },
      { workingText: 'working', doneText: 'done' });
    const sent = await adapter.uploadFile!({ platform: 'feishu', chatId: 'oc_digests' }, { bytes: xlsx, filename: 'feedback-7d.xlsx' });
    const upload = String(fake.callsOf('file')[0]!.body);
    expect(upload).toMatch(/name="file_type"\r\n\r\nxls\r\n/);
    expect(upload).toMatch(/name="file_name"\r\n\r\nfeedback-7d.xlsx\r\n/);
    const message = fake.callsOf('create').find((c) => c.body.msg_type === 'file')!;
    expect(message.query.get('receive_id_type')).toBe('chat_id');
    expect(message.body.receive_id).toBe('oc_digests');
    expect(JSON.parse(message.body.content)).toEqual({ file_key: 'file_v3_test' });
    expect(sent.messageRef).toMatch(/^om_/);
  });
});

describe.each(databases)('%s: WeCom files', (kind) => {
  let app: App;
  let fake: FakeWecom;
  beforeAll(async () => { ({ app, fake } = await buildWecomApp(kind)); });
  afterAll(async () => { await app.close(); });
  const adapter = () => app.deps.adapters.get('wecom')!;

  test('an app group chat gets the file uploaded as media of type file and sent by media_id', async () => {
    await adapter().uploadFile!({ platform: 'wecom', chatId: 'appchat:digests01' }, { bytes: xlsx, filename: 'feedback-7d.xlsx' });
    expect(fake.callsOf('media/upload').at(-1)!.query.type).toBe('file');
    const sent = fake.callsOf('appchat/send').at(-1)!;
    expect(sent.body).toEqual({ chatid: 'digests01', msgtype: 'file', file: { media_id: expect.stringMatching(/^media-/) } });
  });

  test("a group robot gets the file through the robot's own upload, by its key", async () => {
    await adapter().uploadFile!({ platform: 'wecom', chatId: ESCALATION_ROOM }, { bytes: xlsx, filename: 'feedback-7d.xlsx' });
    const uploaded = fake.callsOf('webhook/upload_media').at(-1)!;
    expect(uploaded.query).toMatchObject({ key: ROBOT_KEY, type: 'file' });
    const sent = fake.callsOf('webhook/send').at(-1)!;
    expect(sent.body).toEqual({ msgtype: 'file', file: { media_id: expect.stringMatching(/^robot-media-/) } });
  });
});
