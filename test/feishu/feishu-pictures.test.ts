// An item's pictures in its Feishu card, through the fake open API: each picture is uploaded once
// per app with im.v1.image.create (across sends, updates, items and a restart) and drawn as an
// `img` element with its image_key; a failed upload still delivers a readable card, naming the
// picture, and is tried again at the card's next update.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { act, postFeedback } from '../helpers/test-app.js';
import { attachment, gradientPng } from '../helpers/pictures.js';
import { startFakeFeishu, type FakeFeishu, type RecordedCall } from './fake-feishu.js';
import { buildFeishuApp, cardOf } from './feishu-app.js';
import { messageEvent, signedRequest } from './feishu-requests.js';
import { eventsOf } from '../../src/items/items-repo.js';

/** A picture posted in reply to a card, in its thread (message_type image, root_id the card). */
function threadPicture(root: string, imageKey: string, eventId: string) {
  const event = messageEvent({ user: 'ou_wang', text: '', eventId, messageType: 'image' });
  Object.assign(event.event.message, { root_id: root, parent_id: root, thread_id: `omt_${root}`, content: JSON.stringify({ image_key: imageKey }) });
  return event;
}

const CUP = gradientPng(64, 40);
const BOX = gradientPng(40, 64, [200, 40, 40], [40, 200, 90]);
let n = 0;

/** What Feishu draws for a card body, in order: pictures by key, texts by content, the form and buttons by tag. */
function drawn(card: any): string[] {
  return card.body.elements.map((e: any) => (e.tag === 'img' ? `img:${e.img_key}` : e.tag === 'div' ? `div:${e.text.content}` : e.tag));
}

describe.each(databases)('%s: pictures in Feishu cards', (kind) => {
  let database: OpenDatabase;
  let fake: FakeFeishu;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    fake = await startFakeFeishu();
    ({ app } = await buildFeishuApp(kind, { database, fake }));
  });
  afterAll(async () => { await app.close(); await fake.close(); await database.close(); });

  async function newItem(pictures: Buffer[]) {
    const text = `货到了，外箱破损，见照片 ${++n}`;
    const res = await postFeedback(app, { text, customer: { id: `c-pic-${n}` }, channel: 'app', attachments: pictures.map((p, k) => attachment(`photo-${k + 1}.png`, 'image/png', p)) });
    expect(res.statusCode).toBe(202);
    await app.outbox.drain();
    const post = fake.callsOf('create').find((c) => c.body.receive_id === 'oc_feedback' && c.body.content.includes(text))!;
    const messageId = (post.answer!.body as any).data.message_id as string;
    return { id: res.json().id as string, post, messageId };
  }
  const patchesOf = (messageId: string): RecordedCall[] => fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`));
  const uploadedKeys = (calls: RecordedCall[]) => calls.map((c) => (c.answer!.body as any).data?.image_key).filter(Boolean);

  test('each picture is uploaded once and drawn as an img with its key, after the text; an update reuses the keys', async () => {
    const uploadsBefore = fake.callsOf('image').length;
    const { id, post, messageId } = await newItem([CUP, BOX]);
    const uploads = fake.callsOf('image').slice(uploadsBefore);
    expect(uploads).toHaveLength(2);
    // The upload is a message image (multipart), carrying the picture's own bytes.
    expect(String(uploads[0]!.body)).toContain('name="image_type"');
    expect(String(uploads[0]!.body)).toContain('message');
    expect(String(uploads[0]!.body).includes(CUP.toString('latin1'))).toBe(true);
    expect(String(uploads[1]!.body).includes(BOX.toString('latin1'))).toBe(true);
    const keys = uploadedKeys(uploads);

    const card = cardOf(post);
    const lines = drawn(card);
    expect(lines.filter((l) => l.startsWith('img:'))).toEqual(keys.map((k) => `img:${k}`));
    // The customer's words first, then the pictures, then the fields.
    expect(lines.findIndex((l) => l.startsWith('div:货到了'))).toBeLessThan(lines.indexOf(`img:${keys[0]}`));
    const img = card.body.elements.find((e: any) => e.tag === 'img');
    expect(img.alt).toEqual({ tag: 'plain_text', content: `图片：photo-1.png（${CUP.length} B） / Picture: photo-1.png (${CUP.length} B)` });
    expect(Buffer.byteLength(post.body.content)).toBeLessThan(30 * 1024);

    // Claiming the item patches the card: the same pictures, no new upload.
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    const patch = patchesOf(messageId).at(-1)!;
    expect(drawn(cardOf(patch)).filter((l) => l.startsWith('img:'))).toEqual(keys.map((k) => `img:${k}`));
    expect(fake.callsOf('image').length).toBe(uploadsBefore + 2);
  });

  test('the same picture on another item, or after a restart, is not uploaded again', async () => {
    const { post } = await newItem([CUP]);
    const known = await app.deps.db.selectFrom('feishu_image_keys').select('image_key').execute();
    const uploads = fake.callsOf('image').length;
    expect(drawn(cardOf(post)).filter((l) => l.startsWith('img:'))).toHaveLength(1);
    expect(known.map((k) => k.image_key)).toContain(drawn(cardOf(post)).find((l) => l.startsWith('img:'))!.slice(4));

    // A new bot process on the same database (a restart, or a second instance) keeps the keys.
    await app.close();
    ({ app } = await buildFeishuApp(kind, { database, fake }));
    const again = await newItem([BOX, CUP]);
    expect(fake.callsOf('image').length).toBe(uploads);
    expect(drawn(cardOf(again.post)).filter((l) => l.startsWith('img:'))).toHaveLength(2);
  });

  test('a failed upload still delivers a readable card naming the picture, and the next update shows it', async () => {
    const fresh = gradientPng(30, 30, [10, 10, 10], [240, 240, 240]);
    fake.script('image', { status: 500, body: { code: 500, msg: 'internal error' } });
    const uploads = fake.callsOf('image').length;
    const { id, post, messageId } = await newItem([fresh]);
    expect(fake.callsOf('image').length).toBe(uploads + 1);
    const first = drawn(cardOf(post));
    expect(first.some((l) => l.startsWith('img:'))).toBe(false);
    expect(first).toContain(`div:图片：photo-1.png（${fresh.length} B） / Picture: photo-1.png (${fresh.length} B)`);
    expect(first).toContain('form');

    expect((await act(app, 'wang-fang', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    expect(fake.callsOf('image').length).toBe(uploads + 2);
    const key = uploadedKeys(fake.callsOf('image').slice(-1))[0];
    expect(drawn(cardOf(patchesOf(messageId).at(-1)!))).toContain(`img:${key}`);
  });

  test('a picture Feishu refuses is named, not asked for again on every update', async () => {
    const odd = gradientPng(20, 20, [0, 0, 255], [255, 0, 0]);
    fake.script('image', { status: 400, body: { code: 234001, msg: 'Invalid request param.' } });
    const uploads = fake.callsOf('image').length;
    const { id, post, messageId } = await newItem([odd]);
    expect(drawn(cardOf(post)).some((l) => l.startsWith('div:图片：photo-1.png'))).toBe(true);
    expect((await act(app, 'zhang-min', id, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    expect(patchesOf(messageId)).toHaveLength(1);
    expect(fake.callsOf('image').length).toBe(uploads + 1);
  });

  test('a picture posted in the card\'s thread is downloaded once, kept with a note on the item, and shown on the card', async () => {
    const { id, messageId } = await newItem([]);
    const photo = gradientPng(50, 50, [90, 60, 200], [250, 250, 120]);
    fake.resources.img_v3_from_user = photo;
    const uploads = fake.callsOf('image').length;
    const event = threadPicture(messageId, 'img_v3_from_user', `ev_pic_${n}`);
    // Feishu delivers it twice: one download, one note, one picture.
    for (let k = 0; k < 2; k++) expect((await app.inject(signedRequest(event))).statusCode).toBe(200);
    await app.outbox.drain();
    const downloads = fake.callsOf('resource');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/resources/img_v3_from_user`);
    expect(downloads[0]!.query.get('type')).toBe('image');
    const kept = await app.deps.db.selectFrom('attachments').selectAll().where('feedback_id', '=', id).execute();
    expect(kept.map((a) => [a.name, a.content_type])).toEqual([['picture.png', 'image/png']]);
    expect(Buffer.from(kept[0]!.bytes).equals(photo)).toBe(true);
    const notes = (await eventsOf(app.deps.db, id)).filter((e) => e.type === 'noted');
    expect(notes.map((e) => [e.data.text, e.actorId])).toEqual([['[图片] picture.png / [picture] picture.png', 'wang-fang']]);
    // The card is patched with the note count and the picture, uploaded by the bot (a user's key is not the bot's).
    expect(fake.callsOf('image').length).toBe(uploads + 1);
    const key = uploadedKeys(fake.callsOf('image').slice(-1))[0];
    expect(drawn(cardOf(patchesOf(messageId).at(-1)!))).toContain(`img:${key}`);
  });

  test('a thread message that is not a picture we keep is refused and nothing is stored', async () => {
    const { id, messageId } = await newItem([]);
    fake.resources.img_not_really = Buffer.from('plain text, not a picture at all');
    expect((await app.inject(signedRequest(threadPicture(messageId, 'img_not_really', `ev_bad_${n}`)))).statusCode).toBe(200);
    expect(await app.deps.db.selectFrom('attachments').select('id').where('feedback_id', '=', id).execute()).toEqual([]);
    expect((await eventsOf(app.deps.db, id)).some((e) => e.type === 'noted')).toBe(false);
  });
});
