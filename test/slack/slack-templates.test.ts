// Reply templates in Slack's Reply modal: a picker of the templates in force (REPLY_TEMPLATES, or
// the defaults), whose text is sent when the reply is left empty; written text wins.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeSlack } from './fake-slack.js';
import { buildSlackApp } from './slack-app.js';
import { blockAction, FORM, signed, viewSubmission } from './slack-requests.js';

const TEMPLATES = [
  { name: '物流查询 Shipping', text: '您的包裹已由顺丰发出，单号稍后短信告知。' },
  { name: 'Thanks', text: 'Thank you for telling us; it helps us improve.' },
];

describe.each(databases)('%s: reply templates in Slack', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => { ({ app, fake } = await buildSlackApp(kind, { env: { REPLY_TEMPLATES: JSON.stringify(TEMPLATES) } })); });
  afterAll(async () => { await app.close(); });
  const send = (body: string) => app.inject(signed(body, FORM));

  async function replyModal(text: string, trigger: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}` }));
    await send(blockAction({ user: 'U_LIWEI', value: `reply:${id}`, trigger }));
    return { id: id as string, view: fake.callsOf('views.open').find((c) => c.args.trigger_id === trigger)!.args.view };
  }
  const replies = async (id: string) => (await eventsOf(app.deps.db, id)).filter((e) => e.type === 'replied').map((e) => e.data.text);

  test('the Reply modal offers the configured templates, and the reply text may be left empty', async () => {
    const { view } = await replyModal('Templates: where is my parcel', 'trig-tpl-1');
    const picker = view.blocks.find((b: any) => b.block_id === 'template');
    expect(picker).toMatchObject({ type: 'input', optional: true, element: { type: 'static_select' } });
    expect(picker.element.options.map((o: any) => [o.value, o.text.text])).toEqual([['t1', '物流查询 Shipping'], ['t2', 'Thanks']]);
    expect(view.blocks.find((b: any) => b.block_id === 'text')).toMatchObject({ optional: true });
  });

  test('a picked template with no text sends the template; written text wins over it', async () => {
    const first = await replyModal('Templates: parcel late again', 'trig-tpl-2');
    const res = await send(viewSubmission({ user: 'U_LIWEI', view: first.view, values: { template: { selected: 't1' }, text: { value: null as never } } }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(await replies(first.id)).toEqual([TEMPLATES[0]!.text]);

    const second = await replyModal('Templates: lovely service', 'trig-tpl-3');
    await send(viewSubmission({ user: 'U_LIWEI', view: second.view, values: { template: { selected: 't2' }, text: { value: 'Thanks, Ms Chen!' } } }));
    expect(await replies(second.id)).toEqual(['Thanks, Ms Chen!']);
  });

  test('neither a template nor text keeps the modal open with the error beside the text; an unknown template beside the picker', async () => {
    const { id, view } = await replyModal('Templates: empty reply', 'trig-tpl-4');
    const empty = await send(viewSubmission({ user: 'U_LIWEI', view, values: { template: {}, text: { value: '  ' } } }));
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { text: expect.any(String) } });
    const unknown = await send(viewSubmission({ user: 'U_LIWEI', view, values: { template: { selected: 't9' }, text: {} } }));
    expect(unknown.json()).toMatchObject({ response_action: 'errors', errors: { template: expect.stringContaining('template') } });
    expect(await replies(id)).toEqual([]);
  });
});

describe('REPLY_TEMPLATES setting', () => {
  const base = { DATA_DIR: '/nonexistent', BOT_LANG: 'en' };
  test('unset: four default templates in the bot language; set: exactly those', async () => {
    const { replyTemplates } = await import('../../src/reply-templates.js');
    const { createTranslate } = await import('../../src/i18n/translate.js');
    expect(replyTemplates(loadConfig(base).replyTemplates, createTranslate('zh')).map((x) => x.name)).toEqual(['已收到', '请补充信息', '退款进度', '致歉跟进']);
    expect(replyTemplates(loadConfig({ ...base, REPLY_TEMPLATES: JSON.stringify(TEMPLATES) }).replyTemplates, createTranslate('en')).map((x) => x.id)).toEqual(['t1', 't2']);
  });

  test('not JSON, empty, too many or a blank text is refused with a readable line naming the setting', () => {
    for (const bad of ['[{oops', '[]', JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ name: `n${i}`, text: 'x' }))), '[{"name":"a","text":"  "}]', '[{"name":"a","text":"b","extra":1}]']) {
      expect(() => loadConfig({ ...base, REPLY_TEMPLATES: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...base, REPLY_TEMPLATES: '[{oops' })).toThrow(/REPLY_TEMPLATES: must be a JSON list/);
  });
});
