// Reply templates on a Feishu card: the form's select offers them (the defaults here), and a
// template picked with the reply text left empty is what the customer is sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, cardOf, findButton } from './feishu-app.js';
import { cardAction, signedRequest } from './feishu-requests.js';

describe.each(databases)('%s: reply templates on Feishu cards', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => { ({ app, fake } = await buildFeishuApp(kind)); });
  afterAll(async () => { await app.close(); });

  test('the card form offers the templates; a picked one is sent when the reply is empty', async () => {
    const { id } = (await postFeedback(app, { text: 'Templates on Feishu: refund not back', customer: { id: 'c-tpl' }, channel: 'chat' })).json();
    await app.outbox.drain();
    const created = fake.callsOf('create').find((c) => JSON.stringify(cardOf(c)).includes('Templates on Feishu'))!;
    const messageId = (created.answer?.body as any).data.message_id as string;
    const claim = findButton(cardOf(created), 'claim');
    await app.inject(signedRequest(cardAction({ user: 'ou_liwei', value: claim.behaviors[0].value, messageId })));
    await app.outbox.drain();
    const card = cardOf(fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).at(-1)!);
    const form = card.body.elements.find((e: any) => e.tag === 'form');
    const picker = form.elements.find((e: any) => e.name === 'template');
    expect(picker.tag).toBe('select_static');
    expect(picker.options.map((o: any) => o.text.content)).toEqual(['已收到 / Received', '请补充信息 / More details', '退款进度 / Refund status', '致歉跟进 / Apology']);
    const reply = findButton(card, 'reply');
    expect(reply.behaviors[0].value.in.split(',')).toEqual(['text', 'template']);

    const res = await app.inject(signedRequest(cardAction({ user: 'ou_liwei', value: reply.behaviors[0].value, messageId, formValue: { template: 't3', text: '' } })));
    expect(res.json().toast.type).toBe('success');
    const replied = (await eventsOf(app.deps.db, id)).filter((e) => e.type === 'replied').map((e) => e.data.text);
    expect(replied).toEqual(['您的退款已提交，预计 3–5 个工作日原路退回。 / Your refund has been submitted and should reach your original payment method within 3–5 working days.']);
  });
});
