// Pictures and files sent with an item: stored whole with it (or the item is refused, nothing
// stored), names masked, the bytes checked against the declared type, once per item however often
// it is delivered; the local chat shows them from a signed link the bot serves.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, messagesIn, postFeedback, signedIntake } from '../helpers/test-app.js';
import { attachment, gradientPng, JPEG_START } from '../helpers/pictures.js';

const PNG = gradientPng(48, 32);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let n = 0;
const draft = (over: Record<string, unknown> = {}) => ({ text: `包裹外箱压坏了，见图 ${++n}`, customer: { id: `c-att-${n}` }, channel: 'app', ...over });

describe.each(databases)('%s: attachments at intake', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  const stored = (itemId: string) => app.deps.db.selectFrom('attachments').selectAll().where('feedback_id', '=', itemId).orderBy('ord').execute();
  const counts = async () => ({
    items: Number((await app.deps.db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    files: Number((await app.deps.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  test('a picture and a PDF are stored with the item, byte for byte, their names masked', async () => {
    const res = await postFeedback(app, draft({ attachments: [attachment('C:\\fakepath\\13812345678.png', 'image/png', PNG), attachment('invoice.pdf', 'application/pdf', PDF)] }));
    expect(res.statusCode).toBe(202);
    const rows = await stored(res.json().id);
    expect(rows.map((r) => [r.name, r.content_type, r.size])).toEqual([['[PHONE].png', 'image/png', PNG.length], ['invoice.pdf', 'application/pdf', PDF.length]]);
    expect(Buffer.from(rows[0]!.bytes).equals(PNG)).toBe(true);
    expect(Buffer.from(rows[1]!.bytes).equals(PDF)).toBe(true);
  });

  test('the same item delivered again (or ten copies at once) keeps one set of attachments', async () => {
    const body = draft({ external_id: 'att-dup', attachments: [attachment('a.png', 'image/png', PNG)] });
    const first = await postFeedback(app, body);
    const again = await postFeedback(app, body);
    expect([first.statusCode, again.statusCode]).toEqual([202, 200]);
    expect(again.json().id).toBe(first.json().id);
    const burst = draft({ attachments: [attachment('b.png', 'image/png', PNG)] });
    const copies = await Promise.all(Array.from({ length: 10 }, () => postFeedback(app, burst)));
    expect(copies.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(await stored(first.json().id)).toHaveLength(1);
    expect(await stored(copies[0]!.json().id)).toHaveLength(1);
  });

  test('too big, a type not kept, bad base64 and bytes that are not the declared type are refused with a 4xx naming the field, and nothing is stored', async () => {
    const before = await counts();
    const cases: [unknown, number, string, string][] = [
      [[attachment('huge.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]))], 413, 'attachment_too_large', 'attachments.0.data_base64'],
      [[4, 4, 2].map((mib, k) => attachment(`${k}.png`, 'image/png', Buffer.concat([PNG, Buffer.alloc(mib * 1024 * 1024)]))), 413, 'attachments_too_large', 'attachments'],
      [[attachment('logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))], 415, 'attachment_type', 'attachments.0.content_type'],
      [[{ name: 'x.png', content_type: 'image/png', data_base64: 'iVBORw0KGgo*not base64*' }], 422, 'bad_base64', 'attachments.0.data_base64'],
      [[attachment('photo.png', 'image/png', JPEG_START)], 422, 'attachment_mismatch', 'attachments.0.data_base64'],
      [[attachment('fake.jpg', 'image/jpeg', Buffer.from('MZ this is a program, not a picture'))], 422, 'attachment_mismatch', 'attachments.0.data_base64'],
      [[attachment('1.png', 'image/png', PNG), attachment('2.png', 'image/png', PNG), attachment('3.png', 'image/png', PNG), attachment('4.png', 'image/png', PNG), attachment('5.png', 'image/png', PNG)], 422, 'invalid', 'attachments'],
    ];
    for (const [attachments, status, error, field] of cases) {
      const res = await postFeedback(app, draft({ attachments }));
      expect({ error, status: res.statusCode, body: res.json().error }).toEqual({ error, status, body: error });
      expect(res.json().errors[0].field).toBe(field);
      // Readable in both languages: "附件超过 5 MiB / The attachment is over 5 MiB".
      expect(res.json().errors[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    // A body beyond what the limits allow at all is refused before it is read.
    const huge = await postFeedback(app, draft({ attachments: [4, 4, 4].map((mib, k) => attachment(`${k}.png`, 'image/png', Buffer.concat([PNG, Buffer.alloc(mib * 1024 * 1024)]))) }));
    expect([huge.statusCode, huge.json().error]).toEqual([413, 'too_large']);
    const mismatch = await postFeedback(app, draft({ attachments: [attachment('photo.png', 'image/png', JPEG_START)] }));
    expect(mismatch.json().message).toBe('文件内容不是声明的 image/png（看起来是 image/jpeg） / The bytes are not the declared image/png (they look like image/jpeg)');
    expect(await counts()).toEqual(before);
  });

  test('the item without its attachments is still held to 64 KiB', async () => {
    const res = await postFeedback(app, draft({ text: '很'.repeat(30_000), attachments: [attachment('a.png', 'image/png', PNG)] }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('too_large');
  });

  test('in a batch a bad attachment refuses only its item', async () => {
    const res = await app.inject({ method: 'POST', url: '/intake/app/batch', ...signedIntake({ items: [
      draft({ attachments: [attachment('ok.png', 'image/png', PNG)] }),
      draft({ attachments: [attachment('bad.png', 'image/png', Buffer.from('not a png at all'))] }),
    ] }) });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, rejected: 1 });
    expect(body.results[1].errors[0].field).toBe('items.1.attachments.0.data_base64');
    expect(await stored(body.results[0].id)).toHaveLength(1);
  });

  test('the local chat shows the picture on the card from a signed link; a changed link is refused', async () => {
    const res = await postFeedback(app, draft({ text: '杯子碎了，照片在这里', attachments: [attachment('cup.png', 'image/png', PNG), attachment('invoice.pdf', 'application/pdf', PDF)] }));
    await app.outbox.drain();
    const card = (await messagesIn(app, 'feedback')).find((m) => m.card?.title.includes(res.json().short_id))!.card!;
    const image = card.body.find((b) => b.type === 'image');
    expect(image.alt).toBe(`图片：cup.png（${PNG.length} B） / Picture: cup.png (${PNG.length} B)`);
    expect(image.url).toMatch(/^\/files\/attachments\/[\w-]+\/cup\.png\?expires=\d+&sig=[\w-]+$/);
    expect(image.picture).toBeUndefined();
    expect(card.body.some((b) => b.type === 'text' && b.text.startsWith('附件：invoice.pdf'))).toBe(true);

    const served = await app.inject({ method: 'GET', url: image.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);

    const [path, query] = image.url.split('?');
    const tampered = [
      `${path}?${query.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`)}`,
      `${path}?${query.replace(/expires=(\d+)/, (_: string, e: string) => `expires=${Number(e) + 1}`)}`,
      `${path.replace('cup.png', 'other.png')}?${query}`,
      path,
    ];
    for (const url of tampered) {
      const refused = await app.inject({ method: 'GET', url });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('链接');
      expect(refused.rawPayload.includes(PNG.subarray(0, 64))).toBe(false);
    }
  });
});
